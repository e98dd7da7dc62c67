// ICifModel: the public contract between a continuously-indexed flow (CIF) and the local bits-back coders — the flow
// counterpart of ILatentModel. A CIF of L layers generates data from z_0 ~ N(0, I) (D dimensions):
//   layer l (0-based, l = 0 .. L-1): u_l ~ p(u_l | z_l) (IndexDims dimensions, a diagonal Gaussian);
//                                     z_{l+1} = F_l(z_l; u_l), a bijection of z_l given u_l;
//   z_L is the data, in [0, 1)^D: a symbol s in [0, 2^SymbolBits) with dequantisation noise v in [0, 1) is (s + v) / 2^SymbolBits.
// The inference side has one more diagonal Gaussian per layer, q(u_l | z_{l+1}). A plain normalising flow is a CIF
// with IndexDims = 0 (no u). F_l must be triangular in two stages so it can be coded one coordinate at a time:
//   stage 0 coordinates (CifShape.Stages(l)[i] == 0): z_{l+1,i} = z_{l,i} e^{lambda_i(u)} + mu_i(u);
//   stage 1 coordinates:                               z_{l+1,i} = z_{l,i} e^{lambda_i(u, z_{l+1} stage 0)} + mu_i(u, z_{l+1} stage 0),
// i.e. elementwise affine given u and (for stage 1) the layer's already-known stage-0 outputs — a RealNVP coupling whose
// network reads the untouched half, preceded by the CIF's u-conditioned elementwise map, fits this form exactly.
// The coders ask the session for these coefficients and Gaussians in batches of chains; see ICifSession for the rules.
namespace Engine.Modeling.Flows;

/// <summary>A continuously-indexed flow the local bits-back coders can drive: shape, identity and per-run sessions.</summary>
public interface ICifModel
{
    /// <summary>What messages record to name this model; decoding needs the same fingerprint (and numeric backend, if any).</summary>
    ModelIdentity Identity { get; }

    /// <summary>Dimensions, symbol bits, layers, index dimensions and each layer's stages.</summary>
    CifShape Shape { get; }

    /// <summary>Opens the per-run state of one coding run of up to <paramref name="chains"/> chains.</summary>
    ICifSession OpenSession(int chains);
}
