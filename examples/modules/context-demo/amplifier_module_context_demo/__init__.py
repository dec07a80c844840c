"""Example context module: mounts nothing, proves the install and the import work."""

__amplifier_module_type__ = "context"


async def mount(coordinator, config):
    return None
