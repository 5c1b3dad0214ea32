import SplitCost
import SplitModels

import SplitTestSupport

func handChain() -> ModelProfile { HandModels.chain() }

func diamond() -> ModelProfile { HandModels.diamond() }
