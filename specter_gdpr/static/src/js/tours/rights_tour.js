/** @odoo-module **/
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("specter_gdpr_grant_right_tour", {
    steps: () => [
        {
            content: "Open the Personal data page of the user form",
            trigger: ".o_form_view .o_notebook a:contains('Personal data')",
            run: "click",
        },
        {
            content: "Tick Customers: view",
            trigger: ".o_form_view .o_field_widget[name='gdpr_customer_read'] input",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});

registry.category("web_tour.tours").add("specter_gdpr_customer_list_tour", {
    steps: () => [
        {
            content: "The user now sees customers in the contact list",
            trigger: ".o_list_view .o_data_row:contains('Rätt Kund')",
        },
    ],
});
