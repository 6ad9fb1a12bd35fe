// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/**
 * @title PatientGraph consent registry
 * @notice A patient's consents, checked before any sensitive field of their data resolves.
 *
 * Privacy rule: a patient is an address and nothing else. No name, MRN, patient id or hash of
 * one ever reaches this contract: the link from a wallet to a person lives only off chain (in
 * the identity subgraph). Grantees are organisations' addresses.
 *
 * Data categories (uint8; same numbers in contracts/consent-codes.ts, which also carries the
 * HL7 v3-ActCode security labels):
 *   0 DEMOGRAPHICS   1 ENCOUNTERS   2 CONDITIONS   3 MEDICATIONS   4 ALLERGIES   5 LABS
 *   6 VITALS         7 WEARABLES
 *   specially protected:
 *   8 MENTAL_HEALTH (PSY)   9 SUBSTANCE_USE (SUD, 42 CFR Part 2)   10 HIV (HIV)
 *   11 SEXUAL_REPRODUCTIVE_HEALTH (SEX)   12 GENETICS (GDIS)
 * Purposes of use (uint8; HL7 v3 PurposeOfUse, CodeSystem v3-ActReason):
 *   0 TREAT   1 HPAYMT   2 HOPERAT   3 HRESCH   4 PUBHLTH   5 ETREAT
 * A consent matches exactly one (category, purpose); no purpose hierarchy is applied on chain
 * (ETREAT does not imply TREAT or vice versa): the policy layer decides what to ask for.
 *
 * Expiry: `expiry` 0 means "until revoked". Views and events report "until revoked" as
 * type(uint64).max, so a consumer can always cache a positive answer until `expiresAt`.
 * A consent is valid while block.timestamp < expiresAt.
 */
contract ConsentRegistry {
    uint8 public constant CATEGORY_COUNT = 13;
    uint8 public constant PURPOSE_COUNT = 6;
    uint64 public constant NO_EXPIRY = type(uint64).max;

    /// Expiries are stored in 40 bits (good until year 36812) so a grant fits one slot.
    uint40 private constant STORED_NO_EXPIRY = type(uint40).max;

    /// secp256k1n / 2: signatures with a higher s are malleable copies (EIP-2).
    uint256 private constant MAX_S = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    /// One storage slot: 20 + 1 + 1 + 5 + 4 bytes. `position` is the 1-based index of the
    /// grant's key in the patient's key list (0 = no grant), so revoke is O(1).
    struct Grant {
        address grantee;
        uint8 category;
        uint8 purpose;
        uint40 expiresAt;
        uint32 position;
    }

    struct ConsentQuery {
        address patient;
        address grantee;
        uint8 category;
        uint8 purpose;
    }

    struct GrantView {
        address grantee;
        uint8 category;
        uint8 purpose;
        uint64 expiresAt;
    }

    /// EIP-712 messages. The signer is the patient or one of the patient's delegates; the
    /// nonce is always the patient's, so a delegate's signature cannot be replayed either.
    struct GrantRequest {
        address patient;
        address grantee;
        uint8 category;
        uint8 purpose;
        uint64 expiry;
        uint256 nonce;
        uint256 deadline;
    }

    struct RevokeRequest {
        address patient;
        address grantee;
        uint8 category;
        uint8 purpose;
        uint256 nonce;
        uint256 deadline;
    }

    struct DelegateRequest {
        address patient;
        address delegate;
        bool allowed;
        uint256 nonce;
        uint256 deadline;
    }

    struct AuditHead {
        bytes32 headHash;
        uint64 entryCount;
        uint40 anchoredAt;
    }

    bytes32 private constant GRANT_TYPEHASH =
        keccak256(
            "Grant(address patient,address grantee,uint8 category,uint8 purpose,uint64 expiry,uint256 nonce,uint256 deadline)"
        );
    bytes32 private constant REVOKE_TYPEHASH =
        keccak256(
            "Revoke(address patient,address grantee,uint8 category,uint8 purpose,uint256 nonce,uint256 deadline)"
        );
    bytes32 private constant DELEGATE_TYPEHASH =
        keccak256("Delegate(address patient,address delegate,bool allowed,uint256 nonce,uint256 deadline)");
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    string private constant NAME = "PatientGraph ConsentRegistry";
    string private constant VERSION = "1";

    bytes32 private immutable _cachedDomainSeparator;
    uint256 private immutable _cachedChainId;

    address public owner;
    address public pendingOwner;

    mapping(bytes32 => Grant) private _grants;
    mapping(address => bytes32[]) private _grantKeys;
    mapping(address => mapping(address => bool)) public isDelegate;
    mapping(address => uint256) public nonces;
    mapping(address => bool) public isAnchorer;
    mapping(bytes32 => AuditHead) public auditHeads;

    event ConsentGranted(
        address indexed patient,
        address indexed grantee,
        uint8 indexed category,
        uint8 purpose,
        uint64 expiresAt,
        address actor
    );
    event ConsentRevoked(
        address indexed patient,
        address indexed grantee,
        uint8 indexed category,
        uint8 purpose,
        address actor
    );
    event DelegateSet(address indexed patient, address indexed delegate);
    event DelegateRemoved(address indexed patient, address indexed delegate);
    /// Break-glass: `organization` accessed `patient`'s data under ETREAT. `reasonCode` is a
    /// short code from a fixed vocabulary, `justificationHash` the hash of the off-chain audit
    /// record; neither may carry free text about a person.
    event EmergencyAccess(
        address indexed patient,
        address indexed organization,
        uint16 categoryMask,
        bytes32 reasonCode,
        bytes32 justificationHash
    );
    event AuditAnchored(bytes32 indexed logId, address indexed anchorer, bytes32 headHash, uint64 entryCount);
    event AnchorerSet(address indexed account, bool allowed);
    event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    error InvalidCategory(uint8 category);
    error InvalidPurpose(uint8 purpose);
    error InvalidCategoryMask(uint16 categoryMask);
    error InvalidGrantee();
    error InvalidDelegate();
    error InvalidExpiry(uint64 expiry);
    error InvalidReasonCode();
    error ConsentNotFound();
    error NotPatientOrDelegate(address patient, address caller);
    error SignatureExpired(uint256 deadline);
    error InvalidNonce(uint256 expected, uint256 provided);
    error InvalidSignature();
    error UnauthorizedSigner(address signer);
    error NotOwner();
    error NotPendingOwner();
    error NotAnchorer(address caller);
    error StaleAuditHead(uint64 currentEntryCount, uint64 providedEntryCount);
    error TooManyGrants();

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    constructor() {
        owner = msg.sender;
        _cachedChainId = block.chainid;
        _cachedDomainSeparator = _buildDomainSeparator();
        emit OwnershipTransferred(address(0), msg.sender);
    }

    // ---------------------------------------------------------------- consents (direct)

    /// The caller is the patient.
    function grant(address grantee, uint8 category, uint8 purpose, uint64 expiry) external {
        _grant(msg.sender, grantee, category, purpose, expiry, msg.sender);
    }

    function revoke(address grantee, uint8 category, uint8 purpose) external {
        _revoke(msg.sender, grantee, category, purpose, msg.sender);
    }

    /// The caller is a delegate (guardian) of `patient`, or the patient.
    function grantFor(address patient, address grantee, uint8 category, uint8 purpose, uint64 expiry) external {
        _requirePatientOrDelegate(patient, msg.sender);
        _grant(patient, grantee, category, purpose, expiry, msg.sender);
    }

    function revokeFor(address patient, address grantee, uint8 category, uint8 purpose) external {
        _requirePatientOrDelegate(patient, msg.sender);
        _revoke(patient, grantee, category, purpose, msg.sender);
    }

    // ---------------------------------------------------------------- consents (signed, relayed)

    function grantWithSig(GrantRequest calldata request, bytes calldata signature) external {
        bytes32 structHash = keccak256(
            abi.encode(
                GRANT_TYPEHASH,
                request.patient,
                request.grantee,
                request.category,
                request.purpose,
                request.expiry,
                request.nonce,
                request.deadline
            )
        );
        address signer = _useSignature(request.patient, request.nonce, request.deadline, structHash, signature);
        _requirePatientOrDelegateSigner(request.patient, signer);
        _grant(request.patient, request.grantee, request.category, request.purpose, request.expiry, signer);
    }

    function revokeWithSig(RevokeRequest calldata request, bytes calldata signature) external {
        bytes32 structHash = keccak256(
            abi.encode(
                REVOKE_TYPEHASH,
                request.patient,
                request.grantee,
                request.category,
                request.purpose,
                request.nonce,
                request.deadline
            )
        );
        address signer = _useSignature(request.patient, request.nonce, request.deadline, structHash, signature);
        _requirePatientOrDelegateSigner(request.patient, signer);
        _revoke(request.patient, request.grantee, request.category, request.purpose, signer);
    }

    // ---------------------------------------------------------------- delegates (guardians)

    /// Only the patient appoints or removes delegates; a delegate cannot appoint others.
    function setDelegate(address delegate, bool allowed) external {
        _setDelegate(msg.sender, delegate, allowed);
    }

    function setDelegateWithSig(DelegateRequest calldata request, bytes calldata signature) external {
        bytes32 structHash = keccak256(
            abi.encode(
                DELEGATE_TYPEHASH,
                request.patient,
                request.delegate,
                request.allowed,
                request.nonce,
                request.deadline
            )
        );
        address signer = _useSignature(request.patient, request.nonce, request.deadline, structHash, signature);
        if (signer != request.patient) revert UnauthorizedSigner(signer);
        _setDelegate(request.patient, request.delegate, request.allowed);
    }

    // ---------------------------------------------------------------- checks (views)

    function hasConsent(address patient, address grantee, uint8 category, uint8 purpose) public view returns (bool) {
        return _validUntil(patient, grantee, category, purpose) != 0;
    }

    /// All checks of one request in one eth_call.
    function hasConsentBatch(ConsentQuery[] calldata queries) external view returns (bool[] memory results) {
        results = new bool[](queries.length);
        for (uint256 i = 0; i < queries.length; ++i) {
            ConsentQuery calldata q = queries[i];
            results[i] = _validUntil(q.patient, q.grantee, q.category, q.purpose) != 0;
        }
    }

    /// Like hasConsentBatch, but says until when each answer holds: 0 = no valid consent,
    /// NO_EXPIRY = until revoked, else the expiry timestamp. Lets a cache keep a positive
    /// answer exactly until it lapses.
    function consentExpiryBatch(ConsentQuery[] calldata queries) external view returns (uint64[] memory validUntil) {
        validUntil = new uint64[](queries.length);
        for (uint256 i = 0; i < queries.length; ++i) {
            ConsentQuery calldata q = queries[i];
            validUntil[i] = _validUntil(q.patient, q.grantee, q.category, q.purpose);
        }
    }

    /// Bit c set = valid consent for category c: every category for one grantee and purpose.
    function consentMask(address patient, address grantee, uint8 purpose) external view returns (uint16 mask) {
        if (purpose >= PURPOSE_COUNT) revert InvalidPurpose(purpose);
        for (uint8 c = 0; c < CATEGORY_COUNT; ++c) {
            if (_validUntil(patient, grantee, c, purpose) != 0) mask |= uint16(1) << c;
        }
    }

    /// The stored grant (valid or lapsed); expiresAt 0 = no grant.
    function getGrant(
        address patient,
        address grantee,
        uint8 category,
        uint8 purpose
    ) external view returns (uint64 expiresAt) {
        _checkTerms(category, purpose);
        Grant storage g = _grants[_key(patient, grantee, category, purpose)];
        return g.position == 0 ? 0 : _publicExpiry(g.expiresAt);
    }

    function grantCount(address patient) external view returns (uint256) {
        return _grantKeys[patient].length;
    }

    /// A page of the patient's grants that were not revoked (lapsed ones included, so a consent
    /// screen can offer to renew them). Order changes when grants are revoked.
    function listGrants(
        address patient,
        uint256 offset,
        uint256 limit
    ) external view returns (GrantView[] memory page) {
        bytes32[] storage keys = _grantKeys[patient];
        uint256 size = offset < keys.length ? keys.length - offset : 0;
        if (limit < size) size = limit;
        page = new GrantView[](size);
        for (uint256 i = 0; i < size; ++i) {
            Grant storage g = _grants[keys[offset + i]];
            page[i] = GrantView(g.grantee, g.category, g.purpose, _publicExpiry(g.expiresAt));
        }
    }

    // ---------------------------------------------------------------- break-glass and audit

    /// Called by the organisation itself (msg.sender) after an ETREAT access.
    function recordEmergencyAccess(
        address patient,
        uint16 categoryMask,
        bytes32 reasonCode,
        bytes32 justificationHash
    ) external {
        if (categoryMask == 0 || categoryMask >> CATEGORY_COUNT != 0) revert InvalidCategoryMask(categoryMask);
        if (reasonCode == bytes32(0)) revert InvalidReasonCode();
        emit EmergencyAccess(patient, msg.sender, categoryMask, reasonCode, justificationHash);
    }

    /// Anchors the head of an off-chain hash-chained audit log. `logId` names the log (e.g.
    /// its genesis hash, so a reset log starts a new series); `entryCount` must grow, so an
    /// anchored prefix cannot be silently replaced by a shorter history.
    function anchorAuditHead(bytes32 logId, bytes32 headHash, uint64 entryCount) external {
        if (!isAnchorer[msg.sender]) revert NotAnchorer(msg.sender);
        AuditHead storage current = auditHeads[logId];
        if (entryCount <= current.entryCount) revert StaleAuditHead(current.entryCount, entryCount);
        auditHeads[logId] = AuditHead(headHash, entryCount, uint40(block.timestamp));
        emit AuditAnchored(logId, msg.sender, headHash, entryCount);
    }

    function setAnchorer(address account, bool allowed) external onlyOwner {
        isAnchorer[account] = allowed;
        emit AnchorerSet(account, allowed);
    }

    function transferOwnership(address newOwner) external onlyOwner {
        pendingOwner = newOwner;
        emit OwnershipTransferStarted(owner, newOwner);
    }

    function acceptOwnership() external {
        if (msg.sender != pendingOwner) revert NotPendingOwner();
        emit OwnershipTransferred(owner, msg.sender);
        owner = msg.sender;
        pendingOwner = address(0);
    }

    // ---------------------------------------------------------------- EIP-712

    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() public view returns (bytes32) {
        return block.chainid == _cachedChainId ? _cachedDomainSeparator : _buildDomainSeparator();
    }

    /// EIP-5267: lets wallets and libraries discover the signing domain.
    function eip712Domain()
        external
        view
        returns (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        )
    {
        return (hex"0f", NAME, VERSION, block.chainid, address(this), bytes32(0), new uint256[](0));
    }

    // ---------------------------------------------------------------- internals

    function _grant(
        address patient,
        address grantee,
        uint8 category,
        uint8 purpose,
        uint64 expiry,
        address actor
    ) private {
        _checkTerms(category, purpose);
        if (grantee == address(0)) revert InvalidGrantee();
        uint40 stored;
        if (expiry == 0 || expiry == NO_EXPIRY) {
            stored = STORED_NO_EXPIRY;
        } else {
            if (expiry <= block.timestamp || expiry >= STORED_NO_EXPIRY) revert InvalidExpiry(expiry);
            stored = uint40(expiry);
        }
        bytes32 key = _key(patient, grantee, category, purpose);
        Grant storage g = _grants[key];
        if (g.position == 0) {
            bytes32[] storage keys = _grantKeys[patient];
            if (keys.length >= type(uint32).max) revert TooManyGrants();
            keys.push(key);
            _grants[key] = Grant(grantee, category, purpose, stored, uint32(keys.length));
        } else {
            g.expiresAt = stored;
        }
        emit ConsentGranted(patient, grantee, category, purpose, _publicExpiry(stored), actor);
    }

    function _revoke(address patient, address grantee, uint8 category, uint8 purpose, address actor) private {
        _checkTerms(category, purpose);
        bytes32 key = _key(patient, grantee, category, purpose);
        uint32 position = _grants[key].position;
        if (position == 0) revert ConsentNotFound();
        bytes32[] storage keys = _grantKeys[patient];
        uint256 last = keys.length;
        if (position != last) {
            bytes32 moved = keys[last - 1];
            keys[position - 1] = moved;
            _grants[moved].position = position;
        }
        keys.pop();
        delete _grants[key];
        emit ConsentRevoked(patient, grantee, category, purpose, actor);
    }

    function _setDelegate(address patient, address delegate, bool allowed) private {
        if (delegate == address(0) || delegate == patient) revert InvalidDelegate();
        isDelegate[patient][delegate] = allowed;
        if (allowed) emit DelegateSet(patient, delegate);
        else emit DelegateRemoved(patient, delegate);
    }

    function _validUntil(address patient, address grantee, uint8 category, uint8 purpose) private view returns (uint64) {
        _checkTerms(category, purpose);
        Grant storage g = _grants[_key(patient, grantee, category, purpose)];
        uint40 expiresAt = g.expiresAt;
        if (g.position == 0 || expiresAt <= block.timestamp) return 0;
        return _publicExpiry(expiresAt);
    }

    function _checkTerms(uint8 category, uint8 purpose) private pure {
        if (category >= CATEGORY_COUNT) revert InvalidCategory(category);
        if (purpose >= PURPOSE_COUNT) revert InvalidPurpose(purpose);
    }

    function _requirePatientOrDelegate(address patient, address caller) private view {
        if (caller != patient && !isDelegate[patient][caller]) revert NotPatientOrDelegate(patient, caller);
    }

    function _requirePatientOrDelegateSigner(address patient, address signer) private view {
        if (signer != patient && !isDelegate[patient][signer]) revert UnauthorizedSigner(signer);
    }

    /// Checks deadline and nonce, consumes the nonce and returns the recovered signer. The
    /// nonce is checked before recovery so a replay fails as InvalidNonce, not as a wrong signer.
    function _useSignature(
        address patient,
        uint256 nonce,
        uint256 deadline,
        bytes32 structHash,
        bytes calldata signature
    ) private returns (address signer) {
        if (block.timestamp > deadline) revert SignatureExpired(deadline);
        uint256 expected = nonces[patient];
        if (nonce != expected) revert InvalidNonce(expected, nonce);
        nonces[patient] = expected + 1;
        bytes32 digest = keccak256(abi.encodePacked(hex"1901", DOMAIN_SEPARATOR(), structHash));
        signer = _recover(digest, signature);
    }

    function _recover(bytes32 digest, bytes calldata signature) private pure returns (address signer) {
        if (signature.length != 65) revert InvalidSignature();
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        if (uint256(s) > MAX_S || (v != 27 && v != 28)) revert InvalidSignature();
        signer = ecrecover(digest, v, r, s);
        if (signer == address(0)) revert InvalidSignature();
    }

    function _buildDomainSeparator() private view returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    DOMAIN_TYPEHASH,
                    keccak256(bytes(NAME)),
                    keccak256(bytes(VERSION)),
                    block.chainid,
                    address(this)
                )
            );
    }

    function _key(address patient, address grantee, uint8 category, uint8 purpose) private pure returns (bytes32) {
        return keccak256(abi.encode(patient, grantee, category, purpose));
    }

    function _publicExpiry(uint40 stored) private pure returns (uint64) {
        return stored == STORED_NO_EXPIRY ? NO_EXPIRY : uint64(stored);
    }
}
