/** @odoo-module **/
import { registry } from "@web/core/registry";

/** The Swedish officer erases a customer and reads Swedish on the way. */
registry.category("web_tour.tours").add("specter_gdpr_erase_customer_sv_tour", {
    steps: () => [
        {
            content: "Radera personuppgifter, from the customer form",
            trigger: ".o_form_view button[name='action_gdpr_erase_wizard']:contains('Radera personuppgifter')",
            run: "click",
        },
        {
            content: "The dialog is in Swedish",
            trigger: ".modal .modal-title:contains('Radera personuppgifter')",
        },
        {
            content: "The counts are in Swedish",
            trigger: ".modal .o_form_label:contains('Att radera')",
        },
        {
            content: "The plan says: Radera",
            trigger: ".modal .o_gdpr_plan th:contains('Åtgärd')",
        },
        {
            content: "Turid will be deleted",
            trigger: ".modal tr.o_gdpr_plan_row:contains('Turid Tursson') .o_gdpr_action_delete:contains('Radera')",
        },
        {
            content: "Radera",
            trigger: ".modal button[name='action_confirm']:contains('Radera')",
            run: "click",
        },
        {
            content: "The result, in Swedish",
            trigger: ".o_notification:contains('1 raderade')",
        },
    ],
});
