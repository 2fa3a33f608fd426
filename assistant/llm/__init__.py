"""Everything that talks to an OpenAI-compatible endpoint: the client and what its failures
mean (:mod:`.client`), one deadline per answer (:mod:`.deadline`), the LLM answerer
(:mod:`.answerer`) and the optional OpenAI embedder (:mod:`.embedder`)."""
