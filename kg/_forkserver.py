"""Imported by the forkserver that kg's extraction workers fork from
(kg/parallel.py): kg imported and primed once, not once per worker."""

from kg.parallel import warm_up

warm_up()
