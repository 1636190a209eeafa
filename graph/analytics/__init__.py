"""Analytics over the graph's networkx projection: money flows, circular deals, influence, dependence,
communities, time and conflicts.

Each function takes ``store.projection(as_of=...)`` (a ``nx.MultiDiGraph``; see ``GraphStore.projection``)
and returns plain JSON-ready data that cites the claims (ids) and sources (ids) it rests on; ``cite``
adds the sources' URLs from a store. Both backends share them. See docs/analytics.md.
"""

from ._common import (
                      CONTINGENT_QUALIFIERS,
                      CONTINGENT_STATUSES,
                      MONEY_RELATIONS,
                      Deal,
                      MoneyEdge,
                      cite,
                      group_deals,
                      is_contingent,
                      money_edges,
                      strength,
)
from .communities import communities
from .conflicts import conflicts
from .cycles import cycle, cycle_id, cycles, money_flow_graph
from .dependence import concentration, exposure
from .flows import flows
from .influence import rank, weighted_pagerank
from .timeline import diff, snapshot, summary, timeline

__all__ = ["CONTINGENT_QUALIFIERS", "CONTINGENT_STATUSES", "MONEY_RELATIONS", "Deal", "MoneyEdge", "cite",
           "communities", "concentration", "conflicts", "cycle", "cycle_id", "cycles", "diff", "exposure", "flows",
           "group_deals",
           "is_contingent", "money_edges", "money_flow_graph", "rank", "snapshot", "strength", "summary",
           "timeline", "weighted_pagerank"]
