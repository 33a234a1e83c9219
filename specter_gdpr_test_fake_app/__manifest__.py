# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Specter GDPR test: an app nobody knows",
    "summary": "Test-only models that point to partners the way an unknown app would",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "license": "LGPL-3",
    "author": "Specter GDPR contributors",
    "website": "https://github.com/specter-gdpr/specter_gdpr",
    "depends": ["mail"],
    "data": ["security/ir.model.access.csv"],
    "installable": True,
    "application": False,
}
