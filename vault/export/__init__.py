"""Exports of a client's record (and of the whole practice) and their import: Qt-free.

`gather.gather_record` assembles a `model.ClientRecord` under the joint-session rule
(`joint`); renderers in `formats` turn it into bytes; `writing` encrypts and writes once,
atomically; `importer` brings a JSON export into another vault. See docs/architecture.md.
"""
