# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Specter GDPR",
    "summary": "Erase or anonymise customers, find inactive ones, per-user "
    "rights on personal data, DPA and records of processing",
    "version": "18.0.1.0.0",
    "category": "Productivity/Privacy",
    "license": "LGPL-3",
    "author": "Specter GDPR contributors",
    "website": "https://github.com/specter-gdpr/specter_gdpr",
    "depends": ["contacts", "sale_management", "account", "crm", "sms"],
    "external_dependencies": {"python": ["openpyxl"]},
    "data": [
        "security/specter_gdpr_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "data/ir_actions_server_data.xml",
        "data/gdpr_dpa_data.xml",
        "data/gdpr_processing_activity_data.xml",
        "data/gdpr_feature_notice_data.xml",
        "views/gdpr_erasure_log_views.xml",
        "views/gdpr_erasure_job_views.xml",
        "views/gdpr_export_log_views.xml",
        "views/gdpr_dpa_views.xml",
        "views/gdpr_processing_activity_views.xml",
        "report/gdpr_processing_activity_report.xml",
        "wizards/gdpr_erasure_wizard_views.xml",
        "wizards/gdpr_inactive_customer_wizard_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/specter_gdpr_menus.xml",
        "data/gdpr_feature_notice_post.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/sale_order_demo.xml",
        "demo/account_move_demo.xml",
        "demo/res_users_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "specter_gdpr/static/src/js/dpa_notice_service.js",
        ],
        "web.assets_tests": [
            "specter_gdpr/static/src/js/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
    "application": False,
}
