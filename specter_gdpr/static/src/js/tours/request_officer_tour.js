/** @odoo-module **/
import { registry } from "@web/core/registry";

/** An officer registers a request from a phone call, checks the identity, links the customer and exports the data. */
registry.category("web_tour.tours").add("specter_gdpr_request_officer_tour", {
    steps: () => [
        {
            content: "Open the requests overview",
            trigger: ".o_form_view .o_gdpr_overview_open",
            run: "click",
        },
        {
            content: "Register a new request",
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            content: "An access request",
            trigger: ".o_field_widget[name='request_type'] select",
            run: "select \"access\"",
        },
        {
            content: "The requester's name as given",
            trigger: ".o_field_widget[name='requester_name'] input",
            run: "edit Turid Tursson",
        },
        {
            content: "The requester's e-mail as given",
            trigger: ".o_field_widget[name='requester_email'] input",
            run: "edit turid.tursson@example.org",
        },
        {
            content: "The customer is proposed, by e-mail only: no proof yet",
            trigger: ".o_field_widget[name='match_summary']:contains('no proof')",
        },
        {
            content: "Go to the identity tab",
            trigger: ".o_notebook .nav-link:contains('Identity')",
            run: "click",
        },
        {
            content: "Note how the identity was checked",
            trigger: ".o_field_widget[name='identity_note'] textarea",
            run: "edit Körkort visat i butiken",
        },
        {
            content: "Identity checked",
            trigger: ".o_form_view button[name='action_confirm_identity']",
            run: "click",
        },
        {
            content: "Back to the partners concerned",
            trigger: ".o_notebook .nav-link:contains('Concerns')",
            run: "click",
        },
        {
            content: "The customer is proven now: use it",
            trigger: ".o_form_view button[name='action_use_proposed_partners']",
            run: "click",
        },
        {
            content: "The request concerns Turid",
            trigger: ".o_field_widget[name='partner_ids'] .o_tag:contains('Turid Tursson')",
        },
        {
            content: "Export the personal data",
            trigger: ".o_form_view button[name='action_export']",
            run: "click",
        },
        {
            content: "Go to the answer tab",
            trigger: ".o_notebook .nav-link:contains('Answer')",
            run: "click",
        },
        {
            content: "The ZIP is on the request",
            trigger: ".o_field_widget[name='export_ids'] .o_data_row",
        },
        {
            content: "Close and answer",
            trigger: ".o_form_view button[name='action_done']",
            run: "click",
        },
        {
            content: "Done",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Done')",
        },
    ],
});
