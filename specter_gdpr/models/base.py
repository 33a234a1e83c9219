# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib

from odoo import models

# The e-mail addresses (lower case, also URL-encoded) and phone numbers (the
# digits of every run of one or more digit groups, 7 to 15 digits long) that a
# text holds. Erasure finds the rows of staff free text that may name a person
# by intersecting these tokens with the person's, through a GIN index.
TOKENS_FUNCTION = r"""
CREATE OR REPLACE FUNCTION specter_gdpr_tokens(body text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT token), '{}'::text[]) FROM (
        SELECT lower(replace(m[1], '%40', '@')) AS token
          FROM regexp_matches(body, '([A-Za-z0-9._+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)', 'g') AS m
         UNION ALL
        SELECT array_to_string(run.groups[i:j], '')
          FROM (SELECT regexp_split_to_array(m[1], '[^0-9]+') AS groups
                  FROM regexp_matches(body, '([0-9]+(?:[\s./()+-]{1,3}[0-9]+)+|[0-9]{7,})', 'g') AS m) AS run,
               generate_series(1, cardinality(run.groups)) AS i,
               generate_series(i, cardinality(run.groups)) AS j
         WHERE length(array_to_string(run.groups[i:j], '')) BETWEEN 7 AND 15
    ) AS tokens
$$
"""


class Base(models.AbstractModel):
    _inherit = "base"

    def _auto_init(self):
        # not init(): many models override it without calling super()
        result = super()._auto_init()
        if getattr(self, "_gdpr_staff_text", None) and self._auto:
            self._gdpr_index_tokens()
        return result

    def _gdpr_staff_text_columns(self):
        """The stored columns of ``_gdpr_staff_text`` in this database."""
        return [
            name
            for name in self._gdpr_staff_text
            if name in self._fields and self._fields[name].store and not self._fields[name].inherited
        ]

    def _gdpr_tokens_expression(self):
        """SQL of the tokens of this table's staff free text: the expression of
        its token index, which the erasure's search repeats word for word."""
        columns = [
            f"coalesce(\"{name}\"::text, '')" if self._fields[name].translate else f"coalesce(\"{name}\", '')"
            for name in self._gdpr_staff_text_columns()
        ]
        return "specter_gdpr_tokens(" + " || ' ' || ".join(columns) + ")" if columns else None

    def _gdpr_index_tokens(self):
        expression = self._gdpr_tokens_expression()
        if not expression:
            return
        self.env.cr.execute(TOKENS_FUNCTION)
        digest = hashlib.sha256(expression.encode()).hexdigest()[:8]
        self.env.cr.execute(
            f'CREATE INDEX IF NOT EXISTS "{self._table}_gdpr_tokens_{digest}" ON "{self._table}" '
            f"USING gin (({expression}))"
        )
