/** @odoo-module **/
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("specter_gdpr_dpa_notice_tour", {
    steps: () => [
        {
            content: "The notice of the new data processing agreement is shown",
            trigger: ".o_notification.o_gdpr_dpa_notice:contains('2099.TEST')",
        },
        {
            content: "Open the agreement from the notice",
            trigger: ".o_gdpr_dpa_notice button:contains('Read the agreement')",
            run: "click",
        },
        {
            content: "The agreement is shown",
            trigger: ".o_form_view:contains('Test terms')",
        },
    ],
});
