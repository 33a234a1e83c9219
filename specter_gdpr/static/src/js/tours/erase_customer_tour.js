/** @odoo-module **/
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("specter_gdpr_erase_customer_tour", {
    steps: () => [
        {
            content: "Open the erasure dialog from the customer form",
            trigger: ".o_form_view button[name='action_gdpr_erase_wizard']",
            run: "click",
        },
        {
            content: "Read the plan: the customer will be deleted",
            trigger: ".modal .o_gdpr_plan tr.o_gdpr_plan_row:contains('Turid Tursson') .o_gdpr_action_delete",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "See the result",
            trigger: ".o_notification:contains('1 deleted')",
        },
        {
            content: "Land on the contact list",
            trigger: ".o_list_view, .o_kanban_view",
        },
    ],
});
