"""Actors: the registry of canonical actors, and linking each document entity to one."""

from .registry import Actor, Registry, RegistryError, load_registry

__all__ = ["Actor", "Registry", "RegistryError", "load_registry"]
