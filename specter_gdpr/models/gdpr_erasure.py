# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The erasure engine: plan -> executor -> log.

Every model that holds personal data of a partner takes part by defining, in
its own file, one or both of these hooks (the registry of personal-data
locations is the set of models that define them):

``_gdpr_plan(self, plan)``
    Read-only. Adds refusal reasons (``plan.block``) or marks partners that
    documents keep alive and that must be anonymised rather than deleted
    (``plan.keep``). A constant number of queries, whatever the plan's size.

``_gdpr_identifiers(self, batch)``
    Adds the strings that identify the partners of ``batch`` (names, e-mail
    addresses, phone numbers, account numbers...) before anything changes;
    free text on kept records is redacted of them.

``_gdpr_erase(self, batch)``
    Deletes or scrubs this model's copies of the personal data of
    ``batch.delete_ids`` and ``batch.anonymise_ids``, set-based. Hooks run in
    the order of their model's ``_gdpr_sequence``.
"""

import json
import logging
import re
from collections import defaultdict
from html import escape
from urllib.parse import quote

from markupsafe import Markup

from odoo import api
from odoo import fields
from odoo import models
from odoo import tools
from odoo.exceptions import AccessError
from odoo.exceptions import UserError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import split_every

_logger = logging.getLogger(__name__)

MIN_IDENTIFIER_LENGTH = 4
REDACTED = "[…]"
PHONE_SEPARATORS = r"[\s./()-]"
PHONE_NUMBER = re.compile(r"\+?[0-9][0-9\s./()-]{5,}")
# Word characters whatever the database collation (under "C", PostgreSQL's
# [[:alnum:]] knows no "ö", and a name would end inside "Bergström"): letters,
# digits, "_" and any non-ASCII character, written as "anything but ASCII
# punctuation and spaces". A range such as \u0080-\uffff would say the same,
# but PostgreSQL takes over a millisecond to compile each pattern holding one.
WORD_CHAR = r"[^\x01-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]"
WORD_BEFORE = rf"(?<!{WORD_CHAR})"
WORD_AFTER = rf"(?!{WORD_CHAR})"
# e-mail addresses: word characters and . % + - before, word characters and - after
EMAIL_BEFORE = r"(?<![^\x01-\x24\x26-\x2a\x2c\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f])"
EMAIL_AFTER = r"(?![^\x01-\x2c\x2e\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]|\.[0-9A-Za-z])"


class ErasurePlan:
    """What should happen to each partner asked for, and why."""

    def __init__(self, env, roots):
        self.env = env
        self.root_ids = list(roots.ids)
        self.scope = {}  # partner id -> root id (a root and its descendants)
        self.blockers = defaultdict(list)  # root id -> [reason]
        self.block_groups = defaultdict(list)  # root id -> [kind of refusal]
        self.keepers = defaultdict(list)  # partner id -> [reason]
        self.notes = defaultdict(list)  # root id -> [what is not erased, elsewhere]
        self._load_scope()
        self._members = defaultdict(list)  # root id -> [partner id]
        for partner_id, root_id in self.scope.items():
            self._members[root_id].append(partner_id)

    def _load_scope(self):
        if not self.root_ids:
            return
        self.env.cr.execute(
            """
            WITH RECURSIVE member(root_id, id) AS (
                SELECT id, id FROM res_partner WHERE id IN %s
                 UNION
                SELECT member.root_id, child.id
                  FROM res_partner child JOIN member ON child.parent_id = member.id
            )
            SELECT root_id, id FROM member
            """,
            [tuple(self.root_ids)],
        )
        roots = set(self.root_ids)
        for root_id, member_id in self.env.cr.fetchall():
            # a partner asked for on its own is its own root
            if member_id not in roots or member_id == root_id:
                self.scope.setdefault(member_id, root_id)
        for root_id in self.root_ids:
            self.scope[root_id] = root_id

    @property
    def partner_ids(self):
        return tuple(self.scope) or (0,)

    def members(self, root_id):
        return self._members[root_id]

    def group_by_root(self, rows):
        """``[(partner_id, label), ...]`` -> ``{root_id: [label, ...]}``."""
        grouped = defaultdict(list)
        for partner_id, label in rows:
            root_id = self.scope.get(partner_id)
            if root_id and label not in grouped[root_id]:
                grouped[root_id].append(label)
        return grouped

    def block(self, root_id, reason, group):
        """Refuse ``root_id`` for ``reason``; ``group`` names the kind of refusal
        (e.g. "Unpaid invoices"), to count refusals of many partners."""
        self.blockers[root_id].append(reason)
        self.block_groups[root_id].append(group)

    def block_grouped(self, rows, reason, group):
        """Refuse every root that ``rows`` (``[(partner_id, label), ...]``)
        reach; ``reason(labels)`` says why, with that root's labels."""
        for root_id, labels in self.group_by_root(rows).items():
            self.block(root_id, reason(labels), group)

    def refusal_groups(self):
        """``{group: number of partners refused for it}``."""
        counts = defaultdict(int)
        for groups in self.block_groups.values():
            for group in set(groups):
                counts[group] += 1
        return dict(counts)

    def keep(self, partner_ids, reason):
        for partner_id in partner_ids:
            if partner_id in self.scope and reason not in self.keepers[partner_id]:
                self.keepers[partner_id].append(reason)

    def action(self, root_id):
        if self.blockers.get(root_id):
            return "blocked"
        if any(self.keepers.get(pid) for pid in self.members(root_id)):
            return "anonymise"
        return "delete"

    def member_action(self, root_id, partner_id):
        """What happens to one partner of a root's scope (the root, its
        contact persons and addresses): the batch applies the same rule."""
        action = self.action(root_id)
        if action == "anonymise" and not (partner_id == root_id or self.keepers.get(partner_id)):
            return "delete"
        return action

    def member_actions(self, root_id):
        """``[(partner id, action)]`` for the root first, then its contact persons and addresses."""
        members = sorted(self.members(root_id), key=lambda pid: (pid != root_id, pid))
        return [(partner_id, self.member_action(root_id, partner_id)) for partner_id in members]

    def note(self, partner_ids, text):
        """Tell the officer something that does not change the action (data
        the engine does not erase, elsewhere)."""
        for partner_id in partner_ids:
            root_id = self.scope.get(partner_id)
            if root_id and text not in self.notes[root_id]:
                self.notes[root_id].append(text)

    def reasons(self, root_id):
        if self.blockers.get(root_id):
            return list(self.blockers[root_id])
        reasons = []
        for partner_id in self.members(root_id):
            reasons.extend(r for r in self.keepers.get(partner_id, []) if r not in reasons)
        return reasons + self.notes.get(root_id, [])

    def as_dict(self):
        return {
            root_id: {"action": self.action(root_id), "reasons": self.reasons(root_id)}
            for root_id in self.root_ids
        }


class ErasureBatch:
    """The partners one executor pass erases, and what it did to them."""

    def __init__(self, env, plan, root_ids):
        self.env = env
        self.plan = plan
        self.root_ids = list(root_ids)
        self.actions = {root_id: plan.action(root_id) for root_id in root_ids}
        self.delete_ids = set()
        self.anonymise_ids = set()
        for root_id in root_ids:
            for partner_id, action in plan.member_actions(root_id):
                (self.anonymise_ids if action == "anonymise" else self.delete_ids).add(partner_id)
        self.counts = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
        self.retained = defaultdict(list)  # root id -> [retention item vals]
        self.linked = defaultdict(dict)  # model -> {record id: partner id}
        self.identifiers = defaultdict(list)  # root id -> [identifying string]
        self.phone_numbers = set()  # without separators, as typed and in E.164
        self._patterns = {}
        # values the persons gave about themselves, not confirmed: never used
        # to find anything outside their own records
        self.unverified = env["gdpr.identifier.claim"]._unverified_keys(self.partner_ids)
        self.skipped = defaultdict(list)  # root id -> [unverified value left out]

    # -- partner sets -----------------------------------------------------
    @property
    def partner_ids(self):
        return tuple(self.delete_ids | self.anonymise_ids) or (0,)

    @property
    def deleted(self):
        return tuple(self.delete_ids) or (0,)

    @property
    def anonymised(self):
        return tuple(self.anonymise_ids) or (0,)

    def root_of(self, partner_id):
        return self.plan.scope.get(partner_id)

    # -- bookkeeping ------------------------------------------------------
    def tally(self, model, kind, partner_ids):
        """Count one ``kind`` (deleted, scrubbed, kept) row per partner id."""
        for partner_id in partner_ids:
            root_id = self.root_of(partner_id)
            if root_id:
                self.counts[root_id][model][kind] += 1

    def delete_rows(self, model, table, column="partner_id"):
        """Delete the rows of ``table`` whose ``column`` is one of the partners."""
        self.env.cr.execute(
            f'DELETE FROM "{table}" WHERE "{column}" IN %s RETURNING "{column}"', [self.partner_ids]
        )
        self.tally(model, "deleted", [row[0] for row in self.env.cr.fetchall()])

    def link(self, model, rows):
        """Remember records kept for partners: ``rows`` are (record, partner)."""
        for record_id, partner_id in rows:
            self.linked[model].setdefault(record_id, partner_id)

    def retain(self, model, rows, field_names):
        """Declare ``field_names`` of kept records as legally retained.

        ``rows`` are (record id, partner id, retained until).
        """
        for record_id, partner_id, retain_until in rows:
            root_id = self.root_of(partner_id)
            if root_id:
                self.retained[root_id].append(
                    {
                        "res_model": model,
                        "res_id": record_id,
                        "field_names": ",".join(field_names),
                        "retain_until": retain_until,
                    }
                )
                self.counts[root_id][model]["kept"] += 1

    # -- identifiers and redaction ----------------------------------------
    def add_identifiers(self, partner_id, values):
        """Remember strings that identify ``partner_id`` (and so its root)."""
        root_id = self.root_of(partner_id)
        known = self.identifiers[root_id]
        for value in values:
            value = (value or "").strip()
            if value.lower() in self.unverified:
                if value not in self.skipped[root_id]:
                    self.skipped[root_id].append(value)
            elif len(value) >= MIN_IDENTIFIER_LENGTH and value not in known:
                known.append(value)
        self._patterns.clear()

    def add_phone_numbers(self, partner_id, values):
        """Remember phone numbers of ``partner_id`` without separators: to find
        them in number columns (SMS, do-not-call list) by equality, and in free
        text, where they may be written that way too."""
        compact = {re.sub(PHONE_SEPARATORS, "", value) for value in values if value}
        compact = {number for number in compact if number.lower() not in self.unverified}
        self.phone_numbers.update(compact)
        self.add_identifiers(partner_id, sorted(compact))

    def drop_shared_identifiers(self, shared):
        """Forget values (lower case) that partners outside the batch hold too:
        a company's ``info@`` address, its street or VAT copied onto a contact,
        a namesake's name are not this person's to erase."""
        shared = {value.lower() for value in shared}
        for values in self.identifiers.values():
            values[:] = [value for value in values if value.lower() not in shared]
        self.phone_numbers = {number for number in self.phone_numbers if number.lower() not in shared}
        self._patterns.clear()

    @property
    def all_identifiers(self):
        return {value for values in self.identifiers.values() for value in values}

    @property
    def email_owners(self):
        """``[(e-mail address, root id), ...]`` of the batch's partners."""
        return [(v.lower(), root) for root, values in self.identifiers.items() for v in values if "@" in v]

    @property
    def emails(self):
        return [email for email, _root in self.email_owners]

    def reveals(self, partner_id, text):
        """Whether ``text`` holds an identifier of ``partner_id``'s root."""
        return bool(text) and self._holds(text, (self.root_of(partner_id),))

    def mentioned_in(self, text):
        """Whether ``text`` holds an identifier of any partner of the batch."""
        return bool(text) and any(self._holds(text, (root,)) for root in self.identifiers)

    def _holds(self, text, roots, tokens_only=False):
        """Whether ``text`` holds an identifier of ``roots`` (only their e-mail
        addresses and phone numbers with ``tokens_only``). A substring test
        comes first: most texts hold none, and compiling a partner's pattern
        costs more than reading a thousand texts."""
        lowered = text.lower()
        if not any(needle in lowered for needle in self._needles(roots, tokens_only)):
            return False
        return bool(re.search(self._pattern(roots, tokens_only), text, re.IGNORECASE))

    def _values(self, roots, tokens_only):
        values = [value for root in roots for value in self.identifiers.get(root, [])]
        return [value for value in values if identifier_kind(value) != "word"] if tokens_only else values

    def _needles(self, roots, tokens_only):
        key = ("needles", tokens_only, *sorted(roots))
        if key not in self._patterns:
            self._patterns[key] = {
                needle for value in self._values(roots, tokens_only) for needle in needles(value)
            }
        return self._patterns[key]

    def _pattern(self, roots, tokens_only):
        key = ("pattern", tokens_only, *sorted(roots))
        if key not in self._patterns:
            self._patterns[key] = identifier_regexp(self._values(roots, tokens_only))
        return self._patterns[key]

    @property
    def token_owners(self):
        """``{token: root id}``: the batch's e-mail addresses and phone numbers
        as ``specter_gdpr_tokens()`` extracts them from text."""
        if "owners" not in self._patterns:
            self._patterns["owners"] = {
                token: root
                for root, values in self.identifiers.items()
                for token in identifier_tokens(values)
            }
        return self._patterns["owners"]

    def candidates(self, expression, table):
        """``{row id: {root id}}`` of the rows whose tokens (``expression``)
        meet the batch's: one index scan for the whole batch."""
        owners = self.token_owners
        if not owners:
            return {}
        self.env.cr.execute(
            f'SELECT id, {expression} FROM "{table}" WHERE {expression} && %s::text[]', [list(owners)]
        )
        return {
            row_id: {owners[token] for token in tokens if token in owners}
            for row_id, tokens in self.env.cr.fetchall()
        }

    def redact_tokens(self, model):
        """Replace the batch's e-mail addresses and phone numbers in the staff
        free text of any row of ``model``. The token index picks the rows; each
        is redacted with the tokens of the partners found in it. Returns the ids
        of the rows changed."""
        expression = model._gdpr_tokens_expression()
        if not expression:
            return []
        roots_by_row = self.candidates(expression, model._table)
        return self._redact_with(
            model._table, model._gdpr_staff_text_columns(), roots_by_row, True, model=model
        )

    def redact(self, table, columns, partner_by_key, key="id", where="TRUE", params=None):
        """Replace, in ``columns`` of the rows whose ``key`` is in ``partner_by_key``,
        the identifiers of the partner that key belongs to.

        One statement; each row is matched against its own partner's identifiers
        only. Returns the keys of the rows that changed.
        """
        roots_by_key = {k: (self.root_of(p),) for k, p in partner_by_key.items()}
        return self._redact_with(table, columns, roots_by_key, False, key, where, params)

    def _redact_with(
        self, table, columns, roots_by_key, tokens_only, key="id", where="TRUE", params=None, model=None
    ):
        """Redact the rows of ``table`` whose ``key`` has roots. The rows are
        read and tested in Python first (``_holds``): only rows that hold an
        identifier are written, each with its own pattern. Translated fields
        are JSON: their text form is redacted (the patterns know JSON escapes)."""
        roots_by_key = {k: tuple(roots) for k, roots in roots_by_key.items() if roots}
        if not roots_by_key or not columns:
            return []
        translated = {col for col in columns if model is not None and model._fields[col].translate}
        texts = [f't."{col}"::text' if col in translated else f't."{col}"' for col in columns]
        self.env.cr.execute(
            f'SELECT t.id, t."{key}", {", ".join(texts)} FROM "{table}" t '
            f'WHERE t."{key}" IN %(keys)s AND ({where})',
            dict(params or {}, keys=tuple(roots_by_key)),
        )
        hits = {}
        for row_id, row_key, *values in self.env.cr.fetchall():
            roots = roots_by_key[row_key]
            if self._holds("\n".join(value for value in values if value), roots, tokens_only):
                hits[row_id] = (row_key, self._pattern(roots, tokens_only))
        if not hits:
            return []
        assignments = ", ".join(
            f"\"{col}\" = regexp_replace({text}, p.pattern, %(redacted)s, 'gi')"
            + ("::jsonb" if col in translated else "")
            for col, text in zip(columns, texts, strict=True)
        )
        self.env.cr.execute(
            f"""
            UPDATE "{table}" t SET {assignments}
              FROM unnest(%(ids)s, %(patterns)s) AS p(id, pattern)
             WHERE t.id = p.id
            """,
            {
                "redacted": REDACTED,
                "ids": list(hits),
                "patterns": [pattern for _key, pattern in hits.values()],
            },
        )
        return list({row_key for row_key, _pattern in hits.values()})


def identifier_kind(value):
    """E-mail addresses and phone numbers are tokens; anything else is words."""
    if "@" in value:
        return "email"
    if PHONE_NUMBER.fullmatch(value):
        return "phone"
    return "word"


def char_regexp(char):
    """``char`` in every form Odoo stores text: as typed, HTML-escaped
    (chatter, notes), URL-encoded (a meeting's map link), JSON-escaped (bus)."""
    if char.isspace():
        return r"(?:\s|%20|\+|&nbsp;)+"
    if char.isascii() and char.isalnum():
        return char
    forms = {re.escape(char), re.escape(escape(char)), re.escape(quote(char))}
    if not char.isascii():
        forms.add(re.escape(json.dumps(char)[1:-1]))  # "\u00e4"
    if len(forms) == 1:
        return forms.pop()
    return "(?:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"


def bounded(value):
    """``value`` as a regular expression that matches it whole, in any stored
    form: "Anna Berg" not inside "Hanna Berg" or "Anna Bergström",
    "Storgatan 1" not inside "Storgatan 12", anna@x.se not inside hanna@x.se.
    Valid for PostgreSQL and Python alike."""
    kind = identifier_kind(value)
    body = "".join(char_regexp(char) for char in re.sub(r"\s+", " ", value))
    if kind == "email":
        return EMAIL_BEFORE + body + EMAIL_AFTER
    if kind == "phone":
        return r"(?<![0-9])" + body + r"(?![0-9])"
    before = WORD_BEFORE if re.match(WORD_CHAR, value) else ""
    after = WORD_AFTER if re.match(WORD_CHAR, value[-1:]) else ""
    return before + body + after


def identifier_regexp(values):
    """One regular expression matching any of ``values`` whole, in any form."""
    alternatives = {bounded(value) for value in values}
    return "|".join(sorted(alternatives, key=len, reverse=True)) or None


def needles(value):
    """Substrings that any stored form of ``value`` contains (lower case): its
    longest run without spaces, as typed, HTML-escaped, URL-encoded and
    JSON-escaped. A cheap first test before the bounded pattern."""
    chunk = max(value.split(), key=len).lower()
    return {chunk, escape(chunk), quote(chunk).lower(), json.dumps(chunk)[1:-1]}


def identifier_tokens(values):
    """``{token: value}``: ``values``' e-mail addresses (lower case) and phone
    numbers (digits), as ``specter_gdpr_tokens()`` extracts them from text."""
    tokens = {}
    for value in values:
        kind = identifier_kind(value)
        if kind == "email":
            tokens[value.lower()] = value
        elif kind == "phone":
            tokens[re.sub(r"[^0-9]", "", value)] = value
    return tokens


class GdprErasure(models.AbstractModel):
    _name = "gdpr.erasure"
    _description = "GDPR erasure engine"

    BATCH_SIZE = 200

    # -- registry ---------------------------------------------------------
    @api.model
    def _hook_models(self, hook):
        models_with_hook = [
            self.env[name] for name in self.env.registry if hasattr(self.env.registry[name], hook)
        ]

        def sequence(model):
            return getattr(model, f"{hook}_sequence", getattr(model, "_gdpr_sequence", 100))

        return sorted(models_with_hook, key=lambda m: (sequence(m), m._name))

    @api.model
    def _handles(self, model):
        """Whether hooks take care of ``model``'s references to partners: its
        own, or those of a model whose ``_gdpr_covers`` names it (an invoice's
        hook covers its lines). The addon's own records hold no personal data."""
        return (
            hasattr(model, "_gdpr_plan")
            or hasattr(model, "_gdpr_erase")
            or model._name in self._covered_models()
            or model._name.startswith("gdpr.")
        )

    @api.model
    @tools.ormcache()
    def _covered_models(self):
        return frozenset(name for hook in self._hook_models("_gdpr_covers") for name in hook._gdpr_covers)

    # -- plan -------------------------------------------------------------
    @api.model
    def _plan(self, partners):
        self.env.flush_all()
        plan = ErasurePlan(self.env, partners)
        for model in self._hook_models("_gdpr_plan"):
            model.sudo()._gdpr_plan(plan)
        self._plan_access(plan, partners)
        return plan

    @api.model
    def _plan_access(self, plan, partners):
        writable = partners._filtered_access("write") if not self.env.su else partners
        for partner in partners - writable:
            plan.block(
                partner.id,
                self.env._("You are not allowed to modify this partner (access rights or company)."),
                self.env._("No right to modify"),
            )

    # -- execution --------------------------------------------------------
    @api.model
    def _check_officer(self):
        if not (self.env.su or self.env.user.has_group("specter_gdpr.group_gdpr_officer")):
            raise AccessError(self.env._("Only GDPR officers may erase personal data."))

    @api.model
    def _erase(self, partners):
        """Erase ``partners`` (res.partner ids that may no longer exist)."""
        self._check_officer()
        self._check_ids(partners)
        partners = partners.with_context(active_test=False)
        self._lock_partners(partners)
        existing = partners.exists()
        plan = self._plan(existing)
        result = {"deleted": [], "anonymised": [], "blocked": {}, "failed": {}, "log_ids": []}
        for missing_id in set(partners.ids) - set(existing.ids):
            result["blocked"][missing_id] = [
                self.env._("No such partner: it does not exist or was already deleted.")
            ]
        blocked = {rid: plan.reasons(rid) for rid in plan.root_ids if plan.action(rid) == "blocked"}
        runnable = [rid for rid in plan.root_ids if rid not in blocked]
        if self.env.context.get("gdpr_job_id"):
            blocked.update(result["blocked"])  # a job's every line has its log, a vanished partner's too
        logs = self._log_outcome("refused", blocked)
        result["blocked"].update(blocked)
        for chunk in split_every(self.BATCH_SIZE, runnable, list):
            logs |= self._erase_chunk(plan, chunk, result)
        result["log_ids"] = logs.ids
        self.env.invalidate_all()
        return result

    @api.model
    def _check_ids(self, partners):
        """Ids come from clients (JSON-RPC, server actions): refuse anything
        but positive integers with a clear message, before any query."""
        wrong = [
            pid for pid in partners._ids if isinstance(pid, bool) or not isinstance(pid, int) or pid <= 0
        ]
        if wrong:
            raise UserError(
                self.env._(
                    "Partner ids must be positive whole numbers, not %(ids)s.",
                    ids=", ".join(map(repr, wrong)),
                )
            )

    @api.model
    def _lock_partners(self, partners):
        """Lock the partners, in id order: a second officer erasing the same
        partners waits for the first. When the first has committed, the row
        lock raises a serialization failure, on which Odoo replays the request
        (and the job its batch) on fresh data: the replay then finds the
        partners already erased and says so, instead of logging failures."""
        if partners:
            self.env.cr.execute(
                "SELECT id FROM res_partner WHERE id IN %s ORDER BY id FOR UPDATE", [tuple(partners.ids)]
            )

    @api.model
    def _erase_chunk(self, plan, root_ids, result):
        """Erase a chunk in one go; if that fails, partner by partner.

        A partner's erasure is one unit: when it fails it is rolled back
        completely, logged as failed, and the others go on.
        """
        try:
            with self.env.cr.savepoint():
                batch, logs = self._erase_batch(plan, root_ids)
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            raise  # the whole transaction is stale: Odoo replays it
        except Exception as error:
            self.env.invalidate_all()
            if len(root_ids) > 1:
                _logger.info("GDPR erasure of %d partners failed; retrying one by one", len(root_ids))
                logs = self.env["gdpr.erasure.log"]
                for root_id in root_ids:
                    logs |= self._erase_chunk(plan, [root_id], result)
                return logs
            _logger.exception("GDPR erasure of partner %s failed", root_ids[0])
            result["failed"][root_ids[0]] = type(error).__name__
            reason = self.env._(
                "Erasure failed and was rolled back (%(error)s); see the server log.",
                error=type(error).__name__,
            )
            return self._log_outcome("failed", {root_ids[0]: [reason]})
        for root_id in root_ids:
            key = "deleted" if batch.actions[root_id] == "delete" else "anonymised"
            result[key].append(root_id)
        return logs

    @api.model
    def _erase_batch(self, plan, root_ids):
        env = self.sudo().with_context(active_test=False, tracking_disable=True, mail_notrack=True).env
        batch = ErasureBatch(env, plan, root_ids)
        env.flush_all()
        engine = self.with_env(env)
        for model in engine._hook_models("_gdpr_identifiers"):
            model._gdpr_identifiers(batch)
        engine._drop_shared_identifiers(batch)
        for model in engine._hook_models("_gdpr_erase"):
            model._gdpr_erase(batch)
            env.flush_all()
        engine._erase_transient_rows(batch)
        for model in engine._hook_models("_gdpr_staff_text"):
            batch.redact_tokens(model)
        env.invalidate_all()
        logs = env["gdpr.erasure.log"]._create_for_batch(batch, self.env.user)
        env["res.partner"].browse(batch.anonymise_ids & set(root_ids))._gdpr_post_erasure_note(logs)
        return batch, logs

    @api.model
    def _erase_transient_rows(self, batch):
        """Wizards copy the person (a portal invitation's e-mail, an invoice
        mail's body): their rows that point to the partners or name them go;
        Odoo would only vacuum them later. One query reads every wizard table."""
        selects = []
        for model in (self.env[name] for name in self.env.registry):
            if not model._transient or not model._auto:
                continue
            fields_ = [field for field in model._fields.values() if field.store and field.column_type]
            refs = [
                f'"{f.name}" IN %(ids)s'
                for f in fields_
                if f.type == "many2one" and f.comodel_name == "res.partner"
            ]
            texts = [f'"{f.name}"::text' for f in fields_ if f.type in ("char", "text", "html")]
            if refs or texts:
                points = " OR ".join(refs) or "false"
                text = ", ".join(texts) or "''"
                selects.append(
                    f"SELECT '{model._table}', id, {points}, concat_ws(' ', {text}) FROM \"{model._table}\""
                )
        if not selects:
            return
        self.env.cr.execute(" UNION ALL ".join(selects), {"ids": batch.partner_ids})
        doomed = defaultdict(list)
        for table, row_id, points_to_partner, text in self.env.cr.fetchall():
            if points_to_partner or batch.mentioned_in(text):
                doomed[table].append(row_id)
        for table, row_ids in doomed.items():
            self.env.cr.execute(f'DELETE FROM "{table}" WHERE id IN %s', [tuple(row_ids)])

    @api.model
    def _drop_shared_identifiers(self, batch):
        """Values that a partner outside the batch holds too are not the
        batch's to erase (see ``ErasureBatch.drop_shared_identifiers``)."""
        values = batch.all_identifiers
        if values:
            batch.drop_shared_identifiers(
                self.env["res.partner"]._gdpr_values_held_by_others(values, batch.partner_ids)
            )

    @api.model
    def _log_outcome(self, action, reasons_by_root):
        """Logs for partners that were not erased: ``{root id: [reason]}``."""
        return (
            self.env["gdpr.erasure.log"]
            .sudo()
            .create(
                [
                    {"partner_ref": rid, "action": action, "reasons": "\n".join(reasons)}
                    for rid, reasons in reasons_by_root.items()
                ]
            )
        )

    @api.model
    def _note_body(self, log):
        return Markup("<p>%s</p>") % self.env._(
            "Personal data erased on %(date)s by %(user)s (log %(log)s).",
            date=fields.Date.to_string(fields.Date.context_today(self)),
            user=self.env.user.name,
            log=log.name,
        )
