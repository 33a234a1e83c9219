/** @odoo-module **/
import { registry } from "@web/core/registry";

/** A customer asks for their data from the portal, and objects to marketing. */
registry.category("web_tour.tours").add("specter_gdpr_request_portal_tour", {
    steps: () => [
        {
            content: "Open my personal data",
            trigger: "a[href='/my/personal-data']",
            run: "click",
        },
        {
            content: "Ask to download my data",
            trigger: "button.o_gdpr_download_request",
            run: "click",
        },
        {
            content: "The request is registered and listed",
            trigger: ".o_gdpr_personal_data .alert:contains('is registered')",
        },
        {
            content: "It is being prepared",
            trigger: ".o_gdpr_requests td:contains('Being prepared')",
        },
        {
            content: "Stop marketing",
            trigger: "button.o_gdpr_object",
            run: "click",
        },
        {
            content: "Confirmed",
            trigger: ".o_gdpr_personal_data .alert:contains('not send you marketing')",
        },
    ],
});
