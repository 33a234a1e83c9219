from . import gdpr_erasure_wizard
from . import gdpr_inactive_customer_wizard
from . import gdpr_label_print_wizard
from . import gdpr_request_extend_wizard
from . import gdpr_request_overview
from . import gdpr_restriction_wizard
from . import gdpr_retention_preview
from . import gdpr_retention_preview_line
