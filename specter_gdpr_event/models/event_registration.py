# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models


class EventRegistration(models.Model):
    """A registration holds the attendee's name, e-mail and phone, and its
    confirmation mail the attendee's ticket (a file named after them).

    The person's own registrations (booked by them with their e-mail or
    without another attendee's, or made with their e-mail address) stay for
    the event's figures, without name, e-mail, phone, company, answers,
    tickets or chatter about them. Registrations the person booked for other
    attendees keep those attendees' data: they only lose the link to the
    person (and the person's identifiers in their chatter)."""

    _inherit = "event.registration"
    _gdpr_sequence = 180
    _gdpr_covers = ("event.registration.answer",)

    partner_id = fields.Many2one(index="btree_not_null")  # each erasure batch looks them up

    def _gdpr_identifiers(self, batch):
        """The name and phone the person registered with (a web form, another
        spelling) identify them too, on their own registrations."""
        self.env.cr.execute(
            """
            SELECT p.id, r.name, r.phone
              FROM res_partner p JOIN event_registration r ON lower(r.email) = p.email_normalized
             WHERE p.id IN %(ids)s
             UNION
            SELECT partner_id, name, phone FROM event_registration
             WHERE partner_id IN %(ids)s AND email IS NULL
            """,
            {"ids": batch.partner_ids},
        )
        for partner_id, name, phone in self.env.cr.fetchall():
            batch.add_identifiers(partner_id, [name])
            batch.add_phone_numbers(partner_id, [phone])
            batch.add_identifiers(partner_id, [phone])

    def _gdpr_registrations(self, batch):
        """Rows (registration id, partner id, e-mail, name) of registrations
        booked by the partners or made with their e-mail addresses."""
        owners = dict(batch.email_owners)
        self.env.cr.execute(
            """
            SELECT id, partner_id, lower(email), name FROM event_registration
             WHERE partner_id IN %s OR lower(email) = ANY(%s)
            """,
            [batch.partner_ids, list(owners) or [""]],
        )
        return self.env.cr.fetchall()

    def _gdpr_attendee_is_person(self, batch, partner_id, email, name, names):
        """Whether the registration's attendee is the person who booked it."""
        if email:
            return email in batch.emails
        return not name or name in names.get(partner_id, ())

    def _gdpr_erase(self, batch):
        rows = self._gdpr_registrations(batch)
        if not rows:
            return
        owners = dict(batch.email_owners)
        self.env.cr.execute("SELECT id, name FROM res_partner WHERE id IN %s", [batch.partner_ids])
        names = {partner_id: {name} for partner_id, name in self.env.cr.fetchall()}
        partner_by_registration = {}
        own = {}
        for reg_id, partner_id, email, name in rows:
            # booked by a partner of the batch, or found by the e-mail of one (its root)
            partner = partner_id if partner_id in batch.delete_ids | batch.anonymise_ids else owners[email]
            partner_by_registration[reg_id] = partner
            if self._gdpr_attendee_is_person(batch, partner_id, email, name, names):
                own[reg_id] = partner
        batch.link("event.registration", partner_by_registration.items())
        self._gdpr_unlink_tickets(batch, own)
        self._gdpr_scrub_attendees(batch, own)
        others = {reg: partner for reg, partner in partner_by_registration.items() if reg not in own}
        self._gdpr_drop_booker_copies(batch, others)

    def _gdpr_scrub_attendees(self, batch, partner_by_registration):
        if not partner_by_registration:
            return
        ids = tuple(partner_by_registration)
        self.env.cr.execute(
            """
            UPDATE event_registration
               SET name = NULL, email = NULL, phone = NULL, company_name = NULL,
                   registration_properties = NULL
             WHERE id IN %s
         RETURNING id
            """,
            [ids],
        )
        batch.tally(
            "event.registration", "scrubbed", [partner_by_registration[r[0]] for r in self.env.cr.fetchall()]
        )
        self.env.cr.execute("DELETE FROM event_registration_answer WHERE registration_id IN %s", [ids])

    def _gdpr_drop_booker_copies(self, batch, partner_by_registration):
        """Registrations booked by the person for someone else copy the
        booker's phone (and company) when the attendee gave none: those go."""
        if not partner_by_registration:
            return
        self.env.cr.execute(
            "SELECT id, phone, company_name FROM event_registration WHERE id IN %s",
            [tuple(partner_by_registration)],
        )
        rows = self.env.cr.fetchall()
        phones = [r for r, phone, _c in rows if batch.reveals(partner_by_registration[r], phone)]
        companies = [r for r, _p, company in rows if batch.reveals(partner_by_registration[r], company)]
        if phones or companies:
            self.env.cr.execute(
                """
                UPDATE event_registration
                   SET phone = CASE WHEN id = ANY(%(phones)s) THEN NULL ELSE phone END,
                       company_name = CASE WHEN id = ANY(%(companies)s) THEN NULL ELSE company_name END
                 WHERE id = ANY(%(phones)s) OR id = ANY(%(companies)s)
                """,
                {"phones": phones, "companies": companies},
            )

    def _gdpr_unlink_tickets(self, batch, partner_by_registration):
        """Files of the registrations and of the mails sent about them: the
        tickets and badges, named after and printed for the attendee."""
        if not partner_by_registration:
            return
        self.env.cr.execute(
            """
            SELECT a.id, a.res_id FROM ir_attachment a
             WHERE a.res_model = 'event.registration' AND a.res_id IN %(ids)s
             UNION
            SELECT rel.attachment_id, msg.res_id FROM message_attachment_rel rel
              JOIN mail_message msg ON msg.id = rel.message_id
             WHERE msg.model = 'event.registration' AND msg.res_id IN %(ids)s
            """,
            {"ids": tuple(partner_by_registration)},
        )
        rows = self.env.cr.fetchall()
        batch.tally("ir.attachment", "deleted", [partner_by_registration[reg] for _att, reg in rows])
        self.env["ir.attachment"].browse({att for att, _reg in rows}).unlink()

    def _gdpr_export(self, writer):
        writer.add(
            self,
            ["|", ("partner_id", "in", writer.partner_ids), ("email", "in", writer.batch.emails)],
            ["event_id", "name", "email", "phone", "company_name", "state", "create_date"],
        )
