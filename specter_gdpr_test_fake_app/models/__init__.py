from . import fake_app_booking
from . import fake_app_note
from . import fake_app_signup
