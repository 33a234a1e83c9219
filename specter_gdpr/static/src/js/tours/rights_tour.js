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

registry.category("web_tour.tours").add("specter_gdpr_untick_two_rights_tour", {
    steps: () => [
        {
            content: "Open the Personal data page of the user form",
            trigger: ".o_form_view .o_notebook a:contains('Personal data')",
            run: "click",
        },
        {
            content: "Untick print labels and export e-mails",
            trigger: ".o_form_view .o_field_widget[name='gdpr_customer_print'] input:checked",
            run: "click",
        },
        {
            content: "Untick export the register",
            trigger: ".o_form_view .o_field_widget[name='gdpr_customer_export'] input:checked",
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
        {
            content: "The other rights are still ticked after saving",
            trigger: ".o_form_view .o_field_widget[name='gdpr_supplier_unlink'] input:checked",
        },
    ],
});
