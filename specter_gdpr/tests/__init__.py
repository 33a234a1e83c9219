from . import test_erasure
from . import test_erasure_http
from . import test_erasure_job
from . import test_install
