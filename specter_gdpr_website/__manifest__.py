# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Specter GDPR: Website",
    "summary": "Erasure in Website: the person's visitor records and page views deleted",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "license": "LGPL-3",
    "author": "Specter GDPR contributors",
    "website": "https://github.com/specter-gdpr/specter_gdpr",
    "depends": ["specter_gdpr", "website"],
    "data": [],
    "installable": True,
    "auto_install": True,
    "application": False,
}
