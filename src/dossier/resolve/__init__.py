"""Linking each document's entities to entities across the whole database."""

from .linker import link_entity

__all__ = ["link_entity"]
