# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Specter GDPR test: the apps a company runs",
    "summary": "Test-only: a residue world over every bridged app, erased in one go",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "license": "LGPL-3",
    "author": "Specter GDPR contributors",
    "website": "https://github.com/specter-gdpr/specter_gdpr",
    "depends": [
        "specter_gdpr_event",
        "specter_gdpr_hr",
        "specter_gdpr_mass_mailing",
        "specter_gdpr_pos",
        "specter_gdpr_project",
        "specter_gdpr_purchase",
        "specter_gdpr_stock",
        "specter_gdpr_website",
        "sale_stock",
    ],
    "data": [],
    "installable": True,
    "application": False,
}
