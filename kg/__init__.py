"""kg: a knowledge-graph builder for the minutes and agendas of Danish
inter-municipal bodies (KKR, KD-Net, steering groups).

Data flows one way: read -> segment -> extract -> resolve -> map (rdf) ->
load (store) -> query/export/render.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kg")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+src"

# Changes whenever extraction output changes, so stores know what built a
# graph: derived from the table of fact types (kg/facts.py).
from kg.facts import EXTRACTOR_VERSION  # noqa: E402
