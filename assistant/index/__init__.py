"""The sentence index and its search: the offline MiniLM embedder (:mod:`.embedder`), the
optional multilingual ranker (:mod:`.multilingual`), the persisted index and its manifest
(:mod:`.store`) in a folder that is the assistant's own (:mod:`.folder`), and hybrid
retrieval over it (:mod:`.retrieval`)."""
