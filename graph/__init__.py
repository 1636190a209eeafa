"""alliancegraph's core: the model, entity resolution, the store contract and its backends, queries."""

from .errors import EntityNotFound, GraphError, InvalidFact, NoPath, SourceNotFound
from .model import Batch, Edge, Entity, EntityType, Fact, LoadReport, RawBatch, RawFact, Relation, Source, Status
from .store import FactQuery, GraphStore

__all__ = ["Batch", "Edge", "Entity", "EntityNotFound", "EntityType", "Fact", "FactQuery", "GraphError",
           "GraphStore", "InvalidFact", "LoadReport", "NoPath", "RawBatch", "RawFact", "Relation", "Source",
           "SourceNotFound", "Status"]
