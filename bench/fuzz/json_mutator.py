"""afl++ custom mutator (AFL_PYTHON_MODULE=json_mutator) that edits policy JSON as a tree.

Byte-level havoc rarely turns "2020-01-01" into "9999-12-31" or StringEquals into DateLessThan without breaking the
JSON around it; this mutator does such edits on the parsed document, drawing names and values from iam.dict, then
writes it back (sometimes with \\u escapes). afl++ still runs its own mutations beside it.
"""

import json
import os
import random

_TOKENS = []


def init(seed):
    random.seed(seed)
    dictionary = os.path.join(os.path.dirname(os.path.abspath(__file__)), "iam.dict")
    with open(dictionary, encoding="utf-8") as lines:
        for line in lines:
            if "=" in line and not line.startswith("#"):
                value = line.split("=", 1)[1].strip()[1:-1]
                value = value.encode("latin-1", "backslashreplace").decode("unicode_escape")
                # Tokens written as JSON strings ("\"DateLessThan\"") give their text; structure tokens are skipped.
                if value.startswith('"') and value.endswith('"') and len(value) > 2:
                    value = value[1:-1]
                if value and value not in "{}[]:,\"":
                    _TOKENS.append(value)


def _slots(node, found, depth=0):
    """Every place in the tree that holds a value, as (container, key) pairs, and every object as (dict, None)."""
    if depth > 64:
        return found
    if isinstance(node, dict):
        found.append((node, None))
        for key in list(node):
            found.append((node, key))
            _slots(node[key], found, depth + 1)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found.append((node, index))
            _slots(item, found, depth + 1)
    return found


def _copy(node):
    return json.loads(json.dumps(node))


def _value():
    choice = random.random()
    if choice < 0.7:
        return random.choice(_TOKENS)
    if choice < 0.8:
        return random.choice([0, -1, 3600000, 253402300799, -62135596800, 9223372036854775808, 1.5, True, False, None])
    if choice < 0.9:
        return [random.choice(_TOKENS) for _ in range(random.randint(1, 40))]
    return random.choice(["\ud800", "\udc00", "\u0000", "\u001b[31m", "x" * random.randint(100, 5000), "", " "])


def _mutate(document, donor):
    slots = _slots(document, [])
    if not slots:
        return document
    container, key = random.choice(slots)
    action = random.random()
    if key is None:
        # Add a member: a known name with a new value, or a subtree from the other input.
        name = random.choice(_TOKENS)
        donated = [s[0] for s in _slots(donor, [])] if donor is not None else []
        container[name] = _copy(random.choice(donated)) if donated and random.random() < 0.3 else _value()
    elif action < 0.45:
        container[key] = _value()
    elif action < 0.6 and isinstance(container, dict):
        # Rename a member, e.g. StringEquals -> DateLessThanIfExists, Resource -> NotResource.
        container[random.choice(_TOKENS)] = container.pop(key)
    elif action < 0.7 and isinstance(container[key], str):
        text = container[key]
        at = random.randint(0, len(text))
        container[key] = text[:at] + random.choice(_TOKENS) + text[at + random.randint(0, 4):]
    elif action < 0.8:
        # Repeat a value: more statements, more condition values, more prefixes of the cross product.
        item = container[key]
        copies = [_copy(item) for _ in range(random.randint(1, 20))]
        container[key] = (item if isinstance(item, list) else [item]) + copies
    elif action < 0.9 and donor is not None:
        donor_slots = [s for s in _slots(donor, []) if s[1] is not None]
        if donor_slots:
            other, other_key = random.choice(donor_slots)
            container[key] = _copy(other[other_key])
    elif isinstance(container, dict):
        del container[key]
    else:
        container.pop(key)
    return document


def _load(buf):
    try:
        return json.loads(bytes(buf).decode("utf-8", "surrogatepass"))
    except (ValueError, RecursionError):
        return None


def fuzz(buf, add_buf, max_size):
    document = _load(buf)
    if document is None:
        # Not JSON (any more): insert a token as text and let afl's own mutations do the rest.
        at = random.randint(0, len(buf))
        token = json.dumps(random.choice(_TOKENS)).encode("utf-8", "surrogatepass")
        return bytearray(bytes(buf[:at]) + token + bytes(buf[at:]))[:max_size]
    donor = _load(add_buf) if add_buf else None
    for _ in range(random.randint(1, 4)):
        document = _mutate(document, donor)
    try:
        text = json.dumps(document, ensure_ascii=random.random() < 0.3)
    except (ValueError, RecursionError):
        return bytearray(buf)
    return bytearray(text.encode("utf-8", "surrogatepass"))[:max_size]
