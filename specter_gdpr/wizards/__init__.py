from . import gdpr_erasure_wizard
