# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Specter GDPR: Point of Sale",
    "summary": "Erasure in Point of Sale: open orders refuse, paid ones kept anonymous",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "license": "LGPL-3",
    "author": "Specter GDPR contributors",
    "website": "https://github.com/specter-gdpr/specter_gdpr",
    "depends": ["specter_gdpr", "point_of_sale"],
    "data": [],
    "installable": True,
    "auto_install": True,
    "application": False,
}
