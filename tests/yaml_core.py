"""Read YAML as editors do: YAML 1.2's core schema (yaml-language-server's default).

PyYAML resolves plain scalars by YAML 1.1 rules (`yes` is true, `2025-01-15` a date, `052` an
octal number). yaml-language-server reads YAML 1.2: only true/false are booleans, dates stay
text and `052` is 52. This composes with PyYAML and resolves plain scalars again by the YAML
1.2 core schema, so the tests check the JSON Schema against what an editor's instance is.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from showroom.fields.nodes import split_front_matter

_NULL = re.compile(r"~|null|Null|NULL|")
_TRUE = re.compile(r"true|True|TRUE")
_FALSE = re.compile(r"false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")


def load(text: str) -> Any:
    """The YAML text as the JSON-like value an editor validates."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    return None if node is None else _value(node)


def load_front_matter(text: str) -> Any:
    return load(split_front_matter(text).yaml_text)


def _value(node: Node) -> Any:
    if isinstance(node, MappingNode):
        return {str(_value(key)): _value(value) for key, value in node.value}
    if isinstance(node, SequenceNode):
        return [_value(item) for item in node.value]
    assert isinstance(node, ScalarNode)
    return _scalar(node.value) if node.style is None else node.value


def _scalar(text: str) -> Any:
    for pattern, value in ((_NULL, None), (_TRUE, True), (_FALSE, False)):
        if pattern.fullmatch(text):
            return value
    if _INT.fullmatch(text):
        return int(text)
    if _OCT.fullmatch(text):
        return int(text[2:], 8)
    if _HEX.fullmatch(text):
        return int(text[2:], 16)
    if _FLOAT.fullmatch(text):
        return float(text)
    if _INF.fullmatch(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.fullmatch(text):
        return math.nan
    return text
