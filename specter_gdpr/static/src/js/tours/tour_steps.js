/** @odoo-module **/
/**
 * Steps the specter_gdpr tours share.
 */

/** Select every row of the list (the whole filter) and run ``label`` from its Actions menu. */
export function selectAllAndRunAction(label) {
    return [
        {
            content: "Select all",
            trigger: ".o_list_view thead .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Open the Actions menu",
            trigger: ".o_cp_action_menus .dropdown-toggle:has(.fa-cog)",
            run: "click",
        },
        {
            content: label,
            trigger: `.o-dropdown--menu .dropdown-item:contains('${label}')`,
            run: "click",
        },
    ];
}
