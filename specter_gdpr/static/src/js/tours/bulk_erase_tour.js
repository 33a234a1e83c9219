/** @odoo-module **/
import { registry } from "@web/core/registry";
import { selectAllAndRunAction } from "@specter_gdpr/js/tours/tour_steps";

registry.category("web_tour.tours").add("specter_gdpr_bulk_erase_tour", {
    steps: () => [
        {
            content: "Filter the contact list",
            trigger: ".o_list_view .o_searchview_input",
            run: "edit Bulktur",
        },
        {
            content: "Search",
            trigger: ".o_list_view .o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Only the filtered contacts are listed",
            trigger: ".o_list_view .o_data_row:contains('Bulktur C')",
        },
        ...selectAllAndRunAction("Erase personal data"),
        {
            content: "Read the plan: three to delete",
            trigger: ".modal .o_field_widget[name='delete_count']:contains('3')",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "See the result",
            trigger: ".o_notification:contains('3 deleted')",
        },
    ],
});
