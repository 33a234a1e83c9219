/** @odoo-module **/
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";

/**
 * When the web client loads, the server records the company's acceptance of
 * a new data processing agreement by continued use, and returns the notice
 * this user has not seen yet, shown here once.
 */
export const gdprDpaNoticeService = {
    dependencies: ["action", "notification"],
    async start(env, { action, notification }) {
        const notice = await rpc("/specter_gdpr/dpa/notice", {}, { silent: true });
        if (!notice) {
            return;
        }
        const close = notification.add(notice.message, {
            title: notice.title,
            type: "info",
            sticky: true,
            className: "o_gdpr_dpa_notice",
            buttons: [
                {
                    name: notice.link_label,
                    primary: true,
                    onClick: () => {
                        close();
                        action.doAction(notice.action);
                    },
                },
            ],
        });
    },
};

registry.category("services").add("specter_gdpr_dpa_notice", gdprDpaNoticeService);
