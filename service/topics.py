"""The questions a person can choose on the questionnaire's first page, in their words.

A topic is a conclusion of the rule base with the question a person would ask and, for its
values, the answer in a sentence. The topics whose conclusion the rule base in force lacks
are not offered; every other public conclusion is offered by its label, answered with it.
"""

from __future__ import annotations

import attrs

from ..engine import RuleBase


@attrs.frozen
class Topic:
    conclusion: str
    question: str
    answers: tuple[tuple[object, str], ...] = ()
    """(JSON value, sentence): `(True, "Oui : …")`."""
    template: str | None = None
    """The sentence of any other value, `{valeur}` standing for the value as shown."""

    def sentence(self, value: object, shown: str) -> str | None:
        found = next((text for known, text in self.answers if known == value), None)
        if found is None and self.template is not None:
            return self.template.format(valeur=shown)
        return found


TOPICS = (
    Topic(
        "mon_soutien_psy.seance_prise_en_charge",
        "Mes séances de psychologue sont-elles remboursées ?",
        (
            (True, "Oui : la prochaine séance est prise en charge (dispositif Mon soutien psy)."),
            (False, "Non : la prochaine séance n'est pas prise en charge par Mon soutien psy."),
        ),
    ),
    Topic(
        "css.droit",
        "Ai-je droit à la Complémentaire santé solidaire ?",
        (
            (
                "gratuite",
                "Oui, gratuitement : la Complémentaire santé solidaire sans participation.",
            ),
            ("avec_participation", "Oui, avec une participation financière mensuelle."),
            ("aucun", "Non : pas de droit à la Complémentaire santé solidaire."),
        ),
    ),
    Topic(
        "ame.droit",
        "Ai-je droit à l'Aide médicale de l'État (AME) ?",
        (
            (True, "Oui : la personne a droit à l'Aide médicale de l'État."),
            (False, "Non : pas de droit à l'Aide médicale de l'État."),
        ),
    ),
    Topic(
        "puma.droit",
        "Mes frais de santé sont-ils pris en charge par l'Assurance Maladie (PUMa) ?",
        (
            (
                True,
                "Oui : les frais de santé sont pris en charge (protection universelle maladie).",
            ),
            (False, "Non : pas de prise en charge au titre de la protection universelle maladie."),
        ),
    ),
    Topic(
        "psychiatre.remboursement_consultation",
        "Combien me rembourse-t-on une consultation de psychiatre ?",
        template="L'Assurance Maladie rembourse {valeur} pour la consultation.",
    ),
    Topic(
        "cmp.acces_sans_orientation",
        "Puis-je aller dans un centre médico-psychologique (CMP) sans être adressé ?",
        (
            (True, "Oui : un CMP peut être consulté sans être adressé par un médecin."),
            (False, "Non : il faut être adressé par un médecin."),
        ),
    ),
)


def offered(base: RuleBase) -> tuple[list[Topic], list[Topic]]:
    """The curated topics the rule base can answer, then every other public conclusion."""
    rules = base.program.rules
    main = [t for t in TOPICS if t.conclusion in rules]
    chosen = {t.conclusion for t in main}
    others = [
        Topic(name, rules[name].label_at(None) or name)
        for name in base.conclusions
        if name not in chosen
    ]
    return main, others


def topic(base: RuleBase, name: str) -> Topic | None:
    """The topic of a conclusion, None when the rule base has no such public conclusion."""
    if name not in base.conclusions:
        return None
    found = next((t for t in TOPICS if t.conclusion == name), None)
    return found or Topic(name, base.program.rules[name].label_at(None) or name)
