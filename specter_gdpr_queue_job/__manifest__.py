# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Specter GDPR: bulk erasure on queue_job",
    "summary": "Each batch of a bulk erasure is a queue job in the root.gdpr channel, "
    "so every worker of every server erases in parallel",
    "version": "18.0.1.0.0",
    "category": "Productivity/Privacy",
    "license": "LGPL-3",
    "author": "Specter GDPR contributors",
    "website": "https://github.com/specter-gdpr/specter_gdpr",
    "depends": ["specter_gdpr", "queue_job"],
    "data": ["data/queue_job_data.xml"],
    "auto_install": True,
    "installable": True,
    "application": False,
}
