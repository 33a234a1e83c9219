# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import email
import email.policy
import json
import re
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import Command
from odoo import fields
from odoo.tests import HttpCase
from odoo.tests import TransactionCase
from odoo.tools.sql import escape_psql

INCOMING_MAIL = """Return-Path: <{email}>
From: {name} <{email}>
To: sales@yourcompany.example.com
Subject: Offert
Message-ID: <kvistgren-1@example.org>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="XX"

--XX
Content-Type: text/plain; charset=utf-8

Hej, jag vill ha en offert.
--XX
Content-Type: text/plain; charset=utf-8; name="kontakt.txt"
Content-Disposition: attachment; filename="kontakt.txt"

{name}, {street}, {mobile}
--XX--
"""


def meeting_times(days_ahead=30):
    """Start and stop of a one-hour meeting some days from now: Odoo sends
    invitations only for meetings in the future, so a fixed date in a test
    stops working once it has passed."""
    start = fields.Datetime.now().replace(hour=10, minute=0, second=0, microsecond=0)
    start += timedelta(days=days_ahead)
    return {
        "start": fields.Datetime.to_string(start),
        "stop": fields.Datetime.to_string(start + timedelta(hours=1)),
    }


def file_text(attachment):
    """The text of a file as a person would read it: e-mails decoded,
    calendar lines unfolded."""
    raw = attachment.raw or b""
    text = raw.decode("utf-8", errors="ignore").replace("\r\n ", "")
    if attachment.mimetype == "message/rfc822":
        message = email.message_from_bytes(raw, policy=email.policy.default)
        payloads = [part.get_payload(decode=True) or b"" for part in message.walk()]
        text += b"".join(payloads).decode("utf-8", errors="ignore")
    return text


TEXT_TYPES = ("text", "character varying", "jsonb", "character")
# A 1x1 PNG: what a drawn signature is stored as.
SIGNATURE = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4"
        "890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
    )
)


def scan_database(cr, identifiers, whole=False):
    """Every row of every table whose text columns contain an identifier.

    Returns ``{(table, column): {row id, ...}}``; rows of tables without an
    ``id`` column are reported by ``ctid``. With ``whole``, an identifier
    counts only where no letter, digit, dot or @ touches it (so that
    "Anna Berg" is not found in "Hanna Berg" when namesakes share a world).
    """
    cr.execute(
        """
        SELECT c.table_name, array_agg(c.column_name::text),
               bool_or(c.column_name = 'id')
          FROM information_schema.columns c
          JOIN information_schema.tables t
            ON t.table_name = c.table_name AND t.table_schema = c.table_schema
         WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
           AND (c.data_type = ANY(%s) OR c.column_name = 'id')
         GROUP BY c.table_name
        """,
        [list(TEXT_TYPES)],
    )
    # text columns holding JSON (e.g. bus_bus.message) write "ä" as "\u00e4"
    values = set(identifiers) | {json.dumps(value)[1:-1] for value in identifiers}
    patterns = ["%" + escape_psql(value) + "%" for value in values]
    if whole:
        alternatives = "|".join(re.escape(value) for value in values)
        regexp = rf"(^|[^0-9A-Za-z_.@\u0080-\uffff])({alternatives})($|[^0-9A-Za-z_@\u0080-\uffff])"
    hits = defaultdict(set)
    for table, columns, has_id in cr.fetchall():
        columns = [col for col in columns if col != "id"]
        if not columns:
            continue
        key = "id::text" if has_id else "ctid::text"
        for column in columns:
            cr.execute(
                f'SELECT {key} FROM "{table}" WHERE "{column}"::text ILIKE ANY(%s)'
                + (f' AND "{column}"::text ~* %s' if whole else ""),
                [patterns, regexp] if whole else [patterns],
            )
            for (row_id,) in cr.fetchall():
                hits[(table, column)].add(row_id)
    return dict(hits)


def declared_retention(env, logs):
    """The (table, column, row id) places the logs declare as legally retained."""
    allowed = set()
    for item in logs.retention_ids:
        model = env[item.res_model]
        for name in item.field_names.split(","):
            if "." in name:
                lines_field, column = name.split(".")
                lines = model.browse(item.res_id)[lines_field]
                allowed |= {(lines._table, column, str(line_id)) for line_id in lines.ids}
            else:
                column = "datas" if name == "datas" else name
                allowed.add((model._table, column, str(item.res_id)))
    return allowed


def undeclared_hits(env, identifiers, logs, whole=False):
    allowed = declared_retention(env, logs)
    return {
        (table, column): sorted(row for row in rows if (table, column, row) not in allowed)
        for (table, column), rows in scan_database(env.cr, identifiers, whole).items()
        if any((table, column, row) not in allowed for row in rows)
    }


def cells_containing(cr, needles):
    """``{(table, column, row id): value}`` of every text cell holding a needle."""
    cr.execute(
        """
        SELECT c.table_name, c.column_name
          FROM information_schema.columns c
          JOIN information_schema.tables t
            ON t.table_name = c.table_name AND t.table_schema = c.table_schema
          JOIN information_schema.columns idc
            ON idc.table_name = c.table_name AND idc.table_schema = c.table_schema AND idc.column_name = 'id'
         WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.data_type = ANY(%s)
        """,
        [list(TEXT_TYPES)],
    )
    cells = {}
    patterns = [f"%{needle}%" for needle in needles]
    for table, column in cr.fetchall():
        cr.execute(
            f'SELECT id, "{column}"::text FROM "{table}" WHERE "{column}"::text ILIKE ANY(%s)', [patterns]
        )
        cells.update({(table, column, row_id): value for row_id, value in cr.fetchall()})
    return cells


class GdprCase(TransactionCase):
    """Builds customers whose personal data is spread the way real use spreads it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.company = cls.env.company
        cls.product = cls.env["product.product"].create(
            {"name": "GDPR test service", "type": "service", "invoice_policy": "order", "list_price": 100.0}
        )
        cls.staff = cls.env["res.users"].create(
            {
                "name": "Sara Säljare",
                "login": "sara.saljare.gdpr",
                "email": "sara.saljare@yourcompany.example.com",
                "groups_id": [
                    Command.set(
                        [
                            cls.env.ref("sales_team.group_sale_salesman_all_leads").id,
                            cls.env.ref("account.group_account_invoice").id,
                        ]
                    )
                ],
            }
        )
        # a customer whose data resembles everyone's: every erasure must leave it alone
        cls.bystander, cls.bystander_values = cls.create_customer("B")
        order, _invoice = cls.add_paid_order(cls.bystander)
        cls.add_everyday_traces(cls.bystander, order)

    def _erase(self, partners):
        """Erase ``partners``; the bystander's data stays byte for byte."""
        self.env.flush_all()
        before = cells_containing(self.env.cr, self.bystander_values)
        result = partners.gdpr_erase()
        self.env.flush_all()
        self.assertEqual(
            cells_containing(self.env.cr, self.bystander_values), before, "the bystander was touched"
        )
        return result, self.env["gdpr.erasure.log"].browse(result["log_ids"])

    @classmethod
    def create_customer(cls, tag):
        """A customer with children, a bank account, a portal login and notes."""
        name = f"Kristoffer Kvistgren{tag}"
        partner = cls.env["res.partner"].create(
            {
                "name": name,
                "email": f"kristoffer.kvistgren{tag}@example.org",
                "phone": f"+46 70 999 88 7{tag}",
                "mobile": f"+46 73 111 22 3{tag}",
                "street": f"Kvistgrensvägen 1{tag}",
                "zip": "123 45",
                "city": "Kvistby",
                "country_id": cls.env.ref("base.se").id,
                "vat": f"SE19900101123{tag}",
                "website": f"https://kvistgren{tag}.example.org",
                "comment": f"<p>Allergisk mot jordnötter {tag}</p>",
                "customer_rank": 1,
                "image_1920": SIGNATURE,
                "bank_ids": [Command.create({"acc_number": f"SE45500000000583982574{tag}6"})],
                "child_ids": [
                    Command.create(
                        {
                            "name": f"Kerstin Kvistgren{tag}",
                            "type": "contact",
                            "email": f"kerstin.kvistgren{tag}@example.org",
                        }
                    ),
                    Command.create(
                        {
                            "name": f"Kvistgrens sommarstuga{tag}",
                            "type": "delivery",
                            "street": f"Sommarstugevägen 3{tag}",
                            "city": "Kvistby",
                        }
                    ),
                ],
            }
        )
        identifiers = [
            name,
            partner.email,
            partner.phone,
            partner.mobile,
            partner.street,
            partner.vat,
            partner.bank_ids.acc_number,
            f"Allergisk mot jordnötter {tag}",
            f"Kerstin Kvistgren{tag}",
            f"kerstin.kvistgren{tag}@example.org",
            f"Sommarstugevägen 3{tag}",
            f"kvistgren{tag}.example.org",
            partner.phone.replace(" ", ""),  # E.164, as SMS and the do-not-call list store it
            partner.mobile.replace(" ", ""),
        ]
        return partner, identifiers

    @classmethod
    def add_portal_user(cls, partner):
        return (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "partner_id": partner.id,
                    "login": partner.email,
                    "password": "portal-password-1",
                    "groups_id": [Command.set([cls.env.ref("base.group_portal").id])],
                }
            )
        )

    @classmethod
    def add_paid_order(cls, partner):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "note": f"<p>Leverera till {partner.name}, ring {partner.phone}</p>",
                "order_line": [Command.create({"product_id": cls.product.id, "product_uom_qty": 2})],
            }
        )
        order.action_confirm()
        order.write({"signature": SIGNATURE, "signed_by": partner.name, "signed_on": fields.Datetime.now()})
        invoice = order._create_invoices()
        invoice.action_post()
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()
        return order, invoice

    @classmethod
    def add_quotation(cls, partner):
        return cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [Command.create({"product_id": cls.product.id, "product_uom_qty": 1})],
            }
        )

    @classmethod
    def add_unpaid_invoice(cls, partner):
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_line_ids": [Command.create({"product_id": cls.product.id, "price_unit": 50.0})],
            }
        )
        invoice.action_post()
        return invoice

    @classmethod
    def add_everyday_traces(cls, partner, record):
        """Chatter, tracking, lead, meeting, activities, e-mail, SMS, letter, bus
        notification around ``partner``."""
        env = cls.env
        # the customer writes on the order; staff notes mention the customer
        record.message_post(
            body=f"Min portkod är 4711 ({partner.name}) och jag är hemma efter fem",
            author_id=partner.id,
            message_type="comment",
        )
        record.message_post(
            body=f"Ring {partner.name} på {partner.phone} eller {partner.mobile.replace(' ', '')}",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        # a tracked change that stores the partner's display name
        other = env["res.partner"].create({"name": "Tillfällig kund"})
        tracked = cls.add_quotation(other)
        tracked.with_context(tracking_disable=False).partner_id = partner
        tracked.flush_recordset()
        lead = env["crm.lead"].create(
            {
                "name": f"Affär med {partner.name}",
                "type": "opportunity",
                "partner_id": partner.id,
                "email_from": partner.email,
                "phone": partner.phone,
                "contact_name": partner.name,
                "description": f"<p>{partner.name} vill ha offert, bor på {partner.street}</p>",
            }
        )
        env["calendar.event"].create(
            {
                "name": f"Möte med {partner.name}",
                "start": fields.Datetime.now(),
                "stop": fields.Datetime.now(),
                "partner_ids": [Command.set([partner.id, cls.staff.partner_id.id])],
                "description": f"<p>Adress: {partner.street}</p>",
            }
        )
        partner.activity_schedule(
            "mail.mail_activity_data_call", summary=f"Ring {partner.name}", user_id=cls.staff.id
        )
        record.activity_schedule(
            "mail.mail_activity_data_todo", note=f"<p>Skicka till {partner.email}</p>", user_id=cls.staff.id
        )
        env["mail.mail"].create(
            {
                "subject": f"Hej {partner.name}",
                "email_to": partner.email,
                "body_html": f"<p>Hej {partner.name}!</p>",
                "recipient_ids": [Command.link(partner.id)],
            }
        )
        env["sms.sms"].create(
            {
                "number": partner.mobile,
                "partner_id": partner.id,
                "body": f"Hej {partner.name}, din order är klar",
            }
        )
        env["sms.sms"].create({"number": partner.phone.replace(" ", ""), "body": "Välkommen tillbaka"})
        env["snailmail.letter"].create(
            {"model": record._name, "res_id": record.id, "partner_id": partner.id, "state": "pending"}
        )
        partner.message_post(body=f"Kunden {partner.name} ringde", message_type="comment")
        env["mail.blacklist"]._add(partner.email)
        env["phone.blacklist"]._add([partner.phone.replace(" ", "")])
        env["bus.bus"]._sendone(partner, "res.partner/updated", {"street": partner.street})
        return lead, tracked

    def add_residue_world(self, partner, identifiers):
        """Spread ``partner`` everywhere real use spreads a person: staff free
        text on others' records, former identifiers, files and encoded forms.
        Returns the identifiers to look for and the records made."""
        env = self.env
        order, _invoice = self.add_paid_order(partner)
        lead, _tracked = self.add_everyday_traces(partner, order)
        old_email, old_phone = partner.email, partner.phone
        # former identifiers: a tracked change, an e-mail from the old address, old opt-outs
        env.flush_all()
        env.cr.precommit.run()  # as if the customer was created in an earlier transaction
        partner.with_context(tracking_disable=False).write(
            {"email": "kristoffer.ny@example.org", "phone": "+46 70 555 44 33"}
        )
        env.flush_all()
        env.cr.precommit.run()  # where Odoo writes tracking values
        identifiers += ["kristoffer.ny@example.org", "+46 70 555 44 33", "+46705554433"]
        someone = self.env["res.partner"].create({"name": "Annan Kund", "customer_rank": 1})
        other_order = self.add_quotation(someone)
        other_order.message_post(body=f"Kristoffer skrev från {old_email}", message_type="comment")
        # staff free text about the person on records that are not theirs
        other_order.message_post(
            body=Markup("<p>@%s bad oss ringa %s</p>") % (partner.name, old_phone),
            partner_ids=partner.ids,
            message_type="comment",
        )
        self.product.description = f"<p>Fråga {partner.email} innan leverans</p>"
        env["crm.lead"].create(
            {
                "name": "Annan affär",
                "partner_id": someone.id,
                "email_cc": partner.email,
                "description": f"<p>Se även {partner.mobile}</p>",
            }
        )
        other_order.activity_schedule(
            "mail.mail_activity_data_todo", note=f"<p>Mejla {partner.email}</p>", user_id=self.staff.id
        )
        env["mail.mail"].create(
            {"email_to": self.staff.email, "state": "exception", "body_html": f"<p>Kund {partner.email}</p>"}
        )
        channel = env["discuss.channel"].with_user(self.staff).channel_get(partner.ids)
        channel.name = f"{partner.name}, {self.staff.name}"
        channel.with_user(self.staff).message_post(body="Hej!", message_type="comment")
        env["portal.wizard.user"].create(
            {
                "wizard_id": env["portal.wizard"].create({"partner_ids": partner.ids}).id,
                "partner_id": partner.id,
                "email": partner.email,
            }
        )
        # an incoming e-mail with a file, kept on a lead of the person
        incoming = INCOMING_MAIL.format(
            name=partner.name, email=old_email, street=partner.street, mobile=partner.mobile
        )
        mail_lead = env["crm.lead"].browse(
            env["mail.thread"].message_process("crm.lead", incoming, save_original=True)
        )
        mail_lead.partner_id = partner
        self.assertEqual(len(mail_lead.message_ids.attachment_ids), 2)  # kontakt.txt, the original
        # a meeting invitation with the street in a maps link
        identifiers.append("Kvistgrensv%C3%A4gen%2017")
        event = env["calendar.event"].create(
            {
                "name": "Leveransmöte",
                **meeting_times(),
                "location": partner.street,
                "partner_ids": [Command.set([partner.id, self.staff.partner_id.id])],
            }
        )
        event.attendee_ids._send_mail_to_attendees(env.ref("calendar.calendar_template_meeting_invitation"))
        env["ir.attachment"].create(
            {
                "name": "invitation.ics",
                "mimetype": "text/calendar",
                "res_model": "calendar.event",
                "res_id": event.id,
                # a folded line, as RFC 5545 writes long ones
                "raw": b"BEGIN:VEVENT\r\nATTENDEE;CN=Someone:MAILTO:kristoffer.kvist\r\n"
                b" gren7@example.org\r\nEND:VEVENT\r\n",
            }
        )
        identifiers += [old_email, old_phone]
        return identifiers, {"order": order, "lead": lead, "other_order": other_order, "someone": someone}


class RpcCase(HttpCase):
    """Talks to the running test server over JSON-RPC, as a real user would.

    Users made with ``_user(login, ...)`` have the password ``<login>_pw1``.
    """

    @classmethod
    def _user(cls, login, groups, **values):
        return cls.env["res.users"].create(
            {
                "name": login.replace("_", " ").title(),
                "login": login,
                "password": f"{login}_pw1",
                "groups_id": [Command.set([cls.env.ref(xmlid).id for xmlid in groups])],
                **values,
            }
        )

    def post(self, login, route, params):
        self.authenticate(login, f"{login}_pw1")
        response = self.url_open(
            route,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def call(self, login, model, method, *args, **kwargs):
        return self.post(
            login, "/web/dataset/call_kw", {"model": model, "method": method, "args": args, "kwargs": kwargs}
        )

    def _csrf(self, route):
        """The CSRF token of the form on the page ``route``."""
        page = self.url_open(route)
        self.assertEqual(page.status_code, 200, route)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _form(self, route, page, **data):
        """Post ``data`` to ``route`` as the form of ``page`` would."""
        return self.url_open(route, data=dict(data, csrf_token=self._csrf(page)))

    def run_action(self, login, xmlid, records):
        context = {"active_model": records._name, "active_ids": records.ids, "active_id": records[:1].id}
        return self.post(login, "/web/action/run", {"action_id": self.env.ref(xmlid).id, "context": context})

    def assertAccessError(self, reply):
        self.assertEqual(
            reply.get("error", {}).get("data", {}).get("name"), "odoo.exceptions.AccessError", reply
        )
