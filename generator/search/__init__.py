"""Search at scale: the words (``tokens``) and the sharded index the browser loads piece by piece (``index``)."""
