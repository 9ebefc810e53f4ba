"""afl++ custom mutator (AFL_PYTHON_MODULE=json_mutator) that edits policy JSON as a tree.

Byte-level havoc rarely turns "2020-01-01" into "9999-12-31" or StringEquals into DateLessThan without breaking the
JSON around it; this mutator does such edits on the parsed document, drawing names and values from iam.dict, then
writes it back (sometimes with \\u escapes). afl++ still runs its own mutations beside it.
"""

import json
import os
import random
import re

_TOKENS = []

# Like-for-like replacements: a date becomes an edge date, a number an edge number, an operator another operator.
_DATE_EDGES = [
    "9999-12-31T23:59:59Z", "9999-12-31T23:59:59.9999999Z", "9999-06-01T00:00:00Z", "9999-12-31", "0001-01-01T00:00:00Z",
    "0001-01-01", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", "253402300799", "253402300800", "-62135596800",
    "-62135596801", "0", "2026-11-27T00:00:00Z", "2026-02-30T00:00:00Z"]
_NUMBER_EDGES = [
    "9223372036854775807", "-9223372036854775808", "9223372036854775808", "79228162514264337593543950335",
    "-79228162514264337593543950335", "79228162514264337593543950336", "0.0000000000000000000000000001", "1e400", "-0",
    "3600000", "3599999.9999999999999999999999", "3600001", "NaN"]
_IP_EDGES = [
    "::/0", "0.0.0.0/0", "::ffff:0:0/96", "::ffff:10.0.0.1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", "fe80::1%eth0",
    "2001:db8::/129", "10.0.0.1/33", "255.255.255.255/32", "1.2.3"]
_DATE = re.compile(r"^(\d{4}-\d\d-\d\d|-?\d{9,12}$)")
_NUMBER = re.compile(r"^[-+]?[\d.]+$")
_IP = re.compile(r"^(\d+\.\d+\.\d+\.\d+|[\da-fA-F.:]*:[\da-fA-F.:]*)(/\d+)?$")
_BASE_OPERATORS = [
    "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
    "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan",
    "NumericGreaterThanEquals", "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan",
    "DateGreaterThanEquals", "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals",
    "ArnNotLike", "Null"]
_OPERATOR = re.compile(r"^((ForAnyValue|ForAllValues):)?(%s)(IfExists)?$" % "|".join(_BASE_OPERATORS))


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


def _like(value):
    """An edge value of the same kind as value, or None when its kind is not known."""
    if not isinstance(value, str):
        return None
    if _DATE.match(value):
        return random.choice(_DATE_EDGES)
    if _NUMBER.match(value):
        return random.choice(_NUMBER_EDGES)
    if _IP.match(value):
        return random.choice(_IP_EDGES)
    if _OPERATOR.match(value):
        qualifier = random.choice(["", "", "ForAnyValue:", "ForAllValues:"])
        return qualifier + random.choice(_BASE_OPERATORS) + random.choice(["", "", "IfExists"])
    return None


def _many(value):
    """Many distinct values of value's kind: the constants that cut the request family into cells."""
    count = random.choice([10, 50, 200, 1000, 3000])
    if isinstance(value, str) and _DATE.match(value):
        return ["%04d-%02d-%02dT00:00:00Z" % (random.randint(2027, 2999), random.randint(1, 12), random.randint(1, 28)) for _ in range(min(count, 300))]
    if isinstance(value, str) and _NUMBER.match(value):
        return [str(random.randint(0, 4000000)) for _ in range(count)]
    return None


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
    elif action < 0.3:
        like = _like(container[key])
        if like is None and isinstance(container, dict):
            like = _like(key)
            if like is not None:
                container[like] = container.pop(key)
                return document
        container[key] = like if like is not None else _value()
    elif action < 0.33:
        many = _many(container[key][0] if isinstance(container[key], list) and container[key] else container[key])
        container[key] = many if many is not None else _value()
    elif action < 0.36:
        # Every date and number at once: the constants of all conditions multiply into cells.
        for other, other_key in _slots(document, []):
            if other_key is not None:
                value = other[other_key]
                many = _many(value[0] if isinstance(value, list) and value else value)
                if many is not None:
                    other[other_key] = many
    elif action < 0.4 and isinstance(container[key], dict) and donor is not None:
        # Merge an object of the other input into this one, e.g. a Condition block into a Condition block.
        objects = [s[0] for s in _slots(donor, []) if s[1] is None]
        if objects:
            container[key].update(_copy(random.choice(objects)))
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
        copies = [_copy(item) for _ in range(random.choice([1, 2, 5, 20, 100, 400]))]
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


def deinit():
    pass
