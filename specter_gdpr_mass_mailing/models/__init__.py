# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import mail_mail
from . import mailing_contact
from . import mailing_mailing
from . import mailing_trace
