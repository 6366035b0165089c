"""Cold start: what a fresh process pays before its first reply, against the dependencies.

Every command-line call is a fresh process, so this is the wait a user
feels on each ``apologykit render``. Each case runs in its own new Python
process, the cases interleaved, best of ``--rounds``:

- ``python``: the interpreter alone (``-c pass``);
- ``deps``: importing the dependencies the way the render path uses them
  (click, Jinja's sandbox, pydantic's ``BaseModel``, Babel's formatting
  modules): the reference the goal is stated against;
- ``import``: ``import apologykit``;
- ``render``: ``python -m apologykit render KIND --example --locale L``,
  the whole command, output included, with its compiled templates kept from
  the round before (in a private directory made for the run), as the command
  keeps them in the user's cache directory;
- ``render-nc``: the same with no compiled templates kept
  (``APOLOGYKIT_CACHE_DIR`` empty): every call compiles;
- ``work``: the dependencies doing a first render's work by hand: the same
  imports, a small pydantic model validated, the kind's three template files
  compiled in Jinja's sandbox, the locale's Babel data read for a number and
  a date. ``render`` against ``work`` is the part apologykit itself adds.

Inside one more fresh process per round it also times the first render
(kit built, templates compiled, locale data read, the kind's validator
built) after ``import apologykit``: the first reply a program waits for;
again with ``APOLOGYKIT_CACHE_DIR`` set, where the compiled templates come
from the round before.

Each case reports wall-clock time and CPU time (user + system, from the
child's resource usage); on a shared, busy machine CPU time moves far less
between runs. The children run with bytecode caching on, as an installed
package has it (pip compiles ``.pyc`` files at install), even when
``PYTHONDONTWRITEBYTECODE`` is set here: compiling every module from source
on each call would add ~30 ms that no installed copy pays. A first untimed
round writes the caches.

    python benchmarks/bench_startup.py [--rounds N] [--kind K] [--locale L]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: What the render path imports from its dependencies, and nothing more.
DEPENDENCIES = (
    "import click, babel.dates, babel.lists, babel.numbers, babel.units; "
    "from babel import Locale; "
    "from jinja2.sandbox import ImmutableSandboxedEnvironment; "
    "from pydantic import BaseModel, Field"
)

# A first render's dependency work, by hand (see the module docstring).
WORK = """
import datetime, sys, pathlib
import click, babel.dates, babel.lists, babel.numbers, babel.units
from babel import Locale
from jinja2 import DictLoader
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel, ConfigDict, Field

class Person(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str | None = None
    gender: str | None = None

class Scenario(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)
    kind: str
    customer: Person = Field(default_factory=Person)
    agent: Person | None = None

root, kind, tag = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
language = tag.split("-")[0]
data = Scenario.model_validate({"kind": kind, "customer": {"name": "Sara", "gender": "female"}})
names = [f"{language}/{kind}.j2", f"{language}/_layout.j2", f"{language}/_offers.j2"]
sources = {name: (root / name).read_text(encoding="utf-8") for name in names}
env = ImmutableSandboxedEnvironment(
    loader=DictLoader(sources), trim_blocks=True, lstrip_blocks=True
)
for name in names:
    env.get_template(name)
locale = Locale.parse(tag.replace("-", "_"))
print(
    babel.numbers.format_decimal(1250.5, locale=locale),
    babel.dates.format_date(datetime.date(2025, 3, 30), "long", locale=locale),
    data.customer.name,
)
"""

FIRST_RENDER = """
import sys, time
import apologykit as ak
start = time.perf_counter()
kit = ak.ReplyKit()
kit.render(ak.scenario_class(sys.argv[1]).examples()[0], locale=sys.argv[2])
print(time.perf_counter() - start)
"""


TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

#: The children's environment: bytecode cached, as in an installed package.
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
#: Where the children keep compiled templates; an empty value keeps none.
CACHE_VARIABLE = "APOLOGYKIT_CACHE_DIR"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(command: list[str], cache: str = "") -> tuple[float, float, str]:
    """Wall-clock and CPU seconds of one fresh process running ``command``, and its output;
    ``cache`` is where it keeps compiled templates (empty: nowhere)."""
    environment = {**ENVIRONMENT, CACHE_VARIABLE: cache}
    cpu = _cpu()
    start = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=environment)
    return time.perf_counter() - start, _cpu() - cpu, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--kind", default="missing_terms_info")
    parser.add_argument("--locale", default="ar-SA")
    args = parser.parse_args()
    python = sys.executable
    cache = tempfile.mkdtemp(prefix="apologykit-bench-")  # private: mode 0700
    try:
        _measure(args, python, cache)
    finally:
        shutil.rmtree(cache)


def _measure(args: argparse.Namespace, python: str, cache: str) -> None:
    render = [
        *(python, "-m", "apologykit", "render", args.kind),
        *("--example", "--locale", args.locale),
    ]
    commands = {
        "python": [python, "-c", "pass"],
        "deps": [python, "-c", DEPENDENCIES],
        "import": [python, "-c", "import apologykit"],
        "render": render,
        "render-nc": render,
        "work": [python, "-c", WORK, str(TEMPLATES), args.kind, args.locale],
    }
    first = [python, "-c", FIRST_RENDER, args.kind, args.locale]
    caches = {"render": cache}
    for name, command in commands.items():  # writes the bytecode and template caches
        _run(command, caches.get(name, ""))
    _run(first, cache)
    wall = dict.fromkeys(commands, float("inf"))
    cpu = dict.fromkeys(commands, float("inf"))
    first_render = first_cached = float("inf")
    for _ in range(args.rounds):
        for name, command in commands.items():
            seconds, used, _ = _run(command, caches.get(name, ""))
            wall[name] = min(wall[name], seconds)
            cpu[name] = min(cpu[name], used)
        first_render = min(first_render, float(_run(first)[2]))
        first_cached = min(first_cached, float(_run(first, cache)[2]))
    print(f"best of {args.rounds} fresh processes ({args.kind}, {args.locale})")
    print(f"  {'':9} {'wall ms':>8} {'cpu ms':>8}")
    for name in commands:
        print(f"  {name:9} {wall[name] * 1e3:8.1f} {cpu[name] * 1e3:8.1f}")
    pairs = (("render", "deps"), ("render-nc", "deps"), ("import", "deps"), ("render", "work"))
    for name, base in pairs:
        print(
            f"  {name} / {base}: wall {wall[name] / wall[base]:.2f}, "
            f"cpu {cpu[name] / cpu[base]:.2f}"
            + (" (goal 1.30)" if (name, base) == ("render", "deps") else "")
        )
    print(f"  first render after import: {first_render * 1e3:.1f} ms wall (goal < 30)")
    print(f"  the same, compiled templates kept: {first_cached * 1e3:.1f} ms wall")


if __name__ == "__main__":
    main()
