"""Roles and affiliations a text gives a person: "Taliban's spokesperson Zabihullah Mujahid",
"Northern Alliance's leader and acting president Armrullah", "Ahmad Massoud, the son of …".

A role is a phrase of role modifiers ending in a role noun (`nlp/data/role_words.jsonl`), found
right before the name or in an apposition to it. The group owning the role — a possessor ("the
Taliban's spokesman"), a modifier ("Taliban spokesman") or "of/for X" — is the affiliation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..datafiles import word_set

_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_OF = frozenset({"of", "for"})


def _words(part: str) -> frozenset[str]:
    return word_set("eventwire.nlp", "role_words.jsonl", part=part)


@dataclass
class RoleFinding:
    roles: list[str] = field(default_factory=list)
    affiliations: list[int] = field(default_factory=list)
    """Cluster indices of the groups the roles belong to."""
    relatives: list[tuple[str, int]] = field(default_factory=list)
    """(kinship noun, cluster index): "the son of Ahmad Shah Massoud"."""


def find_roles(
    doc: Doc, span: Span, owner: dict[int, int], group: set[int], persons: set[int]
) -> RoleFinding:
    """Roles of the person mentioned at `span`; `owner` maps tokens to clusters, `group` and
    `persons` hold the indices of group-like clusters (organisations, states) and of people."""
    found = RoleFinding()
    _premodifier_roles(doc, span, owner, group, found)
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end:
            _noun_phrase_role(child, owner, group, persons, found)
    if root.dep_ == "appos" and root.head.i < span.start:
        _noun_phrase_role(root.head, owner, group, persons, found)
    return found


def _is_role_word(token: Token) -> bool:
    lower = token.lower_
    return lower in _words("head") or lower in _words("modifier")


def _premodifier_roles(doc, span, owner, group, found: RoleFinding) -> None:
    """ "[Group's] [modifier…] role [and modifier… role] NAME"."""
    i = span.start - 1
    words: list[Token] = []
    while i >= 0:
        token = doc[i]
        if token.is_space:
            i -= 1
        elif i not in owner and (_is_role_word(token) or (token.lower_ == "and" and words)):
            words.insert(0, token)
            i -= 1
        else:
            break
    while words and words[0].lower_ == "and":
        words.pop(0)
    phrase: list[str] = []
    for token in words:
        if token.lower_ == "and":
            _close_phrase(phrase, found)
        else:
            phrase.append(token.lower_)
    _close_phrase(phrase, found)
    if not found.roles:
        return
    if i >= 0 and doc[i].text in _POSSESSIVE:
        i -= 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i >= 0 and owner.get(i) in group:
        found.affiliations.append(owner[i])


def _close_phrase(phrase: list[str], found: RoleFinding) -> None:
    if phrase and phrase[-1] in _words("head"):
        found.roles.append(" ".join(phrase))
    phrase.clear()


def _noun_phrase_role(head: Token, owner, group, persons, found: RoleFinding) -> None:
    """An apposition such as "the Taliban's spokesman" or "the son of Ahmad Shah Massoud"."""
    lower = head.lower_
    if lower in _words("kinship"):
        for prep in head.children:
            if prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    people = [owner[t.i] for t in obj.subtree if owner.get(t.i) in persons]
                    if people:
                        found.relatives.append((lower, people[-1]))
        return
    if lower not in _words("head"):
        return
    modifiers = [
        c for c in head.lefts if c.dep_ in {"amod", "compound"} and c.lower_ in _words("modifier")
    ]
    found.roles.append(" ".join([*(m.lower_ for m in modifiers), lower]))
    for child in head.children:
        if child.dep_ in {"poss", "compound", "nmod"} and owner.get(child.i) in group:
            found.affiliations.append(owner[child.i])
        if child.dep_ == "prep" and child.lower_ in _OF:
            for obj in child.children:
                if obj.dep_ == "pobj" and owner.get(obj.i) in group:
                    found.affiliations.append(owner[obj.i])
