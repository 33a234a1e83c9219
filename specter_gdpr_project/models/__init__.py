# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import project_collaborator
from . import project_project
from . import project_task
