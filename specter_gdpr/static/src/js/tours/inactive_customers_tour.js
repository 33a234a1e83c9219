/** @odoo-module **/
import { registry } from "@web/core/registry";
import { selectAllAndRunAction } from "@specter_gdpr/js/tours/tour_steps";

registry.category("web_tour.tours").add("specter_gdpr_inactive_customers_tour", {
    url: "/odoo/action-specter_gdpr.action_gdpr_inactive_customer_wizard",
    steps: () => [
        {
            content: "Customers who have not bought anything for 1 month",
            trigger: ".modal .o_field_widget[name='months'] input",
            run: "edit 1",
        },
        {
            content: "Show them",
            trigger: ".modal button[name='action_open_list']",
            run: "click",
        },
        {
            content: "The inactive customer is listed",
            trigger: ".o_list_view .o_data_row:contains('Tursovare Sömnig')",
        },
        ...selectAllAndRunAction("Export customers to Excel"),
        {
            content: "The list is still there after the download",
            trigger: ".o_list_view .o_data_row:contains('Tursovare Sömnig')",
        },
    ],
});
