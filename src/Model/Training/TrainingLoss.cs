namespace EcgStream.Model.Training;

/// <summary>The reconstruction loss minimised in training, for a mini-batch of B beats of T·F samples.</summary>
public enum TrainingLoss
{
    /// <summary>Σ |x̂ − x| over every sample of the batch, divided by B: each beat's L1 error summed, averaged over beats
    /// (PyTorch: nn.L1Loss(reduction='sum')(x̂, x) / B). Gradient sign(x̂ − x) / B, with sign(0) = 0.</summary>
    L1,

    /// <summary>Σ (x̂ − x)² / (B·T·F): the mean over every sample (PyTorch: nn.MSELoss(reduction='mean')).
    /// Gradient 2(x̂ − x) / (B·T·F).</summary>
    Mse,
}
