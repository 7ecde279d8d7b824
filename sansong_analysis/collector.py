"""Python's cycle collector, spaced out in the processes that make many objects and few cycles.

CPython looks for reference cycles every 700 new container objects, and walks every object it
tracks (a full collection) whenever the older generations have grown by a quarter. Cleaning a
ledger makes hundreds of thousands of small lists and tuples, none of them in a cycle, and
reference counting frees them; a report makes charts, whose figures *are* cycles (a figure
and its axes point at each other). Measured on the demo county (docs/performance.md), the
collector took about a fifteenth of a clean worker's CPU and a ninth of a batch worker's, most
of it full collections walking the objects that live as long as the process (imported modules,
fonts, templates, caches).

So, in the processes that are ours alone (pool workers, kernels forked from the batch's zygote):

- what the process was forked with is frozen (:func:`gc.freeze`): no collection walks it again,
  nor writes to it, so collecting copies none of the pages a fork shares with its parent (using
  an object still does: its reference count changes) — Python's own advice for processes forked
  without ``exec``;
- a young collection every :data:`YOUNG` new containers instead of 700, and the older
  generations in proportion (:data:`THRESHOLDS`);
- a worker that runs one task after another (a report) collects the young generations after
  each (:func:`after_task`): the cycles a task left (its figures) go then, while they are still
  young, cheaply, and a full collection every :data:`FULL_EVERY` tasks takes what had grown old.

Cycles are still collected, only later; nothing that is not a cycle is ever kept longer.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

YOUNG = 10_000
# Young, middle, old: a middle collection every 20 young ones, an old one every 100 middle ones
# (and then only when the old generation has grown by a quarter, as CPython always asks).
THRESHOLDS = (YOUNG, 20, 100)


def space_out() -> None:
    """For a process of ours from its start: freeze what it was forked with, space collections out."""
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)


@contextlib.contextmanager
def spaced() -> Iterator[None]:
    """Collections spaced out while the block runs, in a process that is not ours alone (the
    caller's thresholds come back after; nothing is frozen)."""
    before = gc.get_threshold()
    gc.set_threshold(*THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


# Every this many tasks a full collection: what a task left in cycles that had grown old by its end
# (a figure still in use when a middle collection ran) waits for at most this many tasks.
FULL_EVERY = 10
_tasks = 0


def after_task() -> None:
    """Collect the young generations: what the task just finished left in cycles (a report's
    figures) is freed now, cheaply (the frozen and long-lived objects are not walked); and every
    :data:`FULL_EVERY` tasks everything, so that no worker holds more than that many tasks' leftovers."""
    global _tasks
    _tasks += 1
    gc.collect(2 if _tasks % FULL_EVERY == 0 else 1)
