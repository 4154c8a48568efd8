"""Interface stub — replaced by the notices work."""


def notices_for(*, case):
    return []
