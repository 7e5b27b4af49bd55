#!/usr/bin/env python3
"""Lines per Java file and per method, for sources laid out by google-java-format.

    scripts/method-lengths.py FILE...            each file's lines and its longest method
    scripts/method-lengths.py --methods FILE...  every method, longest first
    git show REV:PATH | scripts/method-lengths.py --name PATH -

A method (or constructor) counts from its first signature line to its closing brace, both
included; its Javadoc and annotations are not counted. The formatter puts the closing brace at
the indentation of the signature, which is what this reads.
"""

import re
import sys

TYPE = re.compile(r"\b(class|interface|enum|record|@interface)\s+\w+")
NOT_A_DECLARATION = re.compile(
    r"^(if|else|for|while|do|switch|case|try|catch|finally|return|throw|new|"
    r"synchronized|yield|assert|this|super)\b"
)


def methods(lines):
    """(name, first line, length) of every method and constructor in the lines."""
    found = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if (
            "(" in stripped
            and not stripped.startswith(("@", "//", "*", "/*", "."))
            and not NOT_A_DECLARATION.match(stripped)
            and not TYPE.search(stripped.split("(")[0])
            and "->" not in stripped
            and "=" not in stripped.split("(")[0]
            and re.match(r"^[\w<>\[\],.? ]+\(", stripped)
            and len(stripped.split("(")[0].split()) >= 1
        ):
            # the signature runs to a line ending with "{" (a body), "{}" (an empty one) or ";"
            j = i
            while j < len(lines) and not lines[j].rstrip().endswith(("{", ";", "{}")):
                j += 1
            if j < len(lines) and lines[j].rstrip().endswith("{}"):
                found.append((stripped.split("(")[0].split()[-1], i + 1, j - i + 1))
                i = j + 1
                continue
            if j < len(lines) and lines[j].rstrip().endswith("{"):
                head = stripped.split("(")[0].split()
                # a call statement such as "foo(" has one word and no type before it, unless it
                # is a constructor: a constructor is declared directly in a type body
                if len(head) >= 2 or indent in (2, 4, 6):
                    close = " " * indent + "}"
                    k = j + 1
                    while k < len(lines) and lines[k].rstrip() != close:
                        k += 1
                    if k < len(lines) and (len(head) >= 2 or _in_type_body(lines, i, indent)):
                        found.append((head[-1], i + 1, k - i + 1))
                        i = k + 1
                        continue
        i += 1
    return found


def _in_type_body(lines, i, indent):
    """Whether line i sits directly in a type's body: the nearest less indented line opens a type."""
    for back in range(i - 1, -1, -1):
        text = lines[back]
        if not text.strip():
            continue
        ind = len(text) - len(text.lstrip(" "))
        if ind < indent and not text.strip().startswith(("*", "/*", "//", "@")):
            return bool(TYPE.search(text)) and text.rstrip().endswith("{")
    return False


def main(argv):
    every = "--methods" in argv
    args = [a for a in argv if a != "--methods"]
    name = None
    if "--name" in args:
        at = args.index("--name")
        name = args[at + 1]
        del args[at : at + 2]
    for path in args:
        text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()
        lines = text.splitlines()
        shown = name if path == "-" and name else path
        found = sorted(methods(lines), key=lambda m: -m[2])
        if every:
            for method, first, length in found:
                print(f"{length:5d}  {shown}:{first} {method}")
        else:
            longest = f"{found[0][0]} {found[0][2]}" if found else "-"
            print(f"{len(lines):5d} lines  {len(found):3d} methods  longest: {longest}  {shown}")


if __name__ == "__main__":
    main(sys.argv[1:])
