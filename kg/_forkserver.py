"""Imported by the forkserver that kg's extraction workers fork from
(kg/parallel.py): kg imported and primed once, not once per worker."""

from kg.parallel import die_with_parent, warm_up

die_with_parent()
warm_up()
