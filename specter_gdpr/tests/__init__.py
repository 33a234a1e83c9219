from . import test_dpa
from . import test_erasure
from . import test_erasure_http
from . import test_erasure_job
from . import test_export_http
from . import test_inactive_export
from . import test_install
from . import test_last_purchase
