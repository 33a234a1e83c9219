from . import test_erasure, test_erasure_http, test_install
