from . import main
from . import portal
from . import token_log_filter

token_log_filter.install()
