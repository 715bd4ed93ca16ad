"""`showroom deploy`: the built site to S3-compatible object storage (see `run`)."""

from showroom.deploy.plan import Plan, Target, Upload, parse_target
from showroom.deploy.run import MAX_DELETES, DeployOptions, DeployResult, deploy
from showroom.deploy.storage import DeployError

__all__ = [
    "MAX_DELETES",
    "DeployError",
    "DeployOptions",
    "DeployResult",
    "Plan",
    "Target",
    "Upload",
    "deploy",
    "parse_target",
]
